import { stat } from 'node:fs/promises';
import type { ImageAttachment } from '@causette/protocol';
import {
  buildDeliveryUrl,
  isImageFormat,
  isInFolder,
  isSafePublicId,
  parseDeliveryPath,
} from './delivery-url';
import type { ServerConfig } from '../config';
import { createLocalStore, type LocalStore } from './local-store';
import { resolveUploadTarget, type UploadTarget } from './upload-target';

/** Whether the server vouches for an IMAGE message's attachment. */
export type VerifyAttachment = (attachment: ImageAttachment) => Promise<boolean>;

/**
 * Accepts only URLs this server can rebuild itself, `<delivery base>/v<version>/<public_id>.<format>`,
 * for a public id inside the upload folder. With Cloudinary that is all that can be checked
 * without a call to its Admin API (width, height and bytes are the client's word, within the
 * protocol's bounds). With the local store, the file must exist and its record must match every
 * field.
 */
export function createAttachmentVerifier(
  config: Pick<ServerConfig, 'cloudinary' | 'publicUrl' | 'jwt' | 'uploads'>,
): VerifyAttachment {
  const target = resolveUploadTarget(config);
  return verifyAgainst(
    target,
    target.kind === 'local' ? createLocalStore(config.uploads.dir) : undefined,
  );
}

/** {@link createAttachmentVerifier} for an already resolved target and store. */
export function verifyAgainst(target: UploadTarget, store?: LocalStore): VerifyAttachment {
  return async (attachment) => {
    try {
      const ref = rebuild(attachment, target);
      if (!ref) return false;
      if (target.kind === 'cloudinary') return true;
      if (!store) return false;
      const image = await store.find(attachment.publicId);
      if (!image) return false;
      const matches =
        image.version === ref.version &&
        image.format === attachment.format &&
        image.bytes === attachment.bytes &&
        image.width === attachment.width &&
        image.height === attachment.height;
      if (!matches) return false;
      return (await stat(store.filePath(image))).size === image.bytes;
    } catch {
      return false;
    }
  };
}

/** The version, when `attachment.url` is exactly the URL this server builds for it. */
function rebuild(
  attachment: ImageAttachment,
  target: UploadTarget,
): { version: number } | undefined {
  const { url, publicId, format, bytes } = attachment;
  if (typeof url !== 'string' || typeof publicId !== 'string' || typeof format !== 'string')
    return undefined;
  if (!isImageFormat(format) || !isSafePublicId(publicId) || !isInFolder(publicId, target.folder))
    return undefined;
  if (!Number.isInteger(bytes) || bytes < 1 || bytes > target.maxBytes) return undefined;
  const prefix = `${target.deliveryBase}/`;
  if (!url.startsWith(prefix)) return undefined;
  const ref = parseDeliveryPath(url.slice(prefix.length));
  if (!ref || ref.publicId !== publicId || ref.format !== format) return undefined;
  return buildDeliveryUrl(target.deliveryBase, ref) === url ? { version: ref.version } : undefined;
}
