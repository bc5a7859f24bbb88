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
import { ServiceError } from '../services/errors';
import { createLocalStore, type LocalStore } from './local-store';
import { uploaderFolder } from './upload-signer';
import { resolveUploadTarget, type UploadTarget } from './upload-target';

/**
 * Whether the server vouches for an IMAGE message's attachment sent by `senderId`: false for a
 * URL it does not; rejects with an `INVALID` {@link ServiceError} saying why for an image over
 * its limits (UPLOAD_MAX_PIXELS).
 */
export type VerifyAttachment = (attachment: ImageAttachment, senderId: string) => Promise<boolean>;

/**
 * Accepts only URLs this server can rebuild itself, `<delivery base>/v<version>/<public_id>.<format>`,
 * for a public id inside the sender's own upload folder (public ids are signed per user, so an
 * image there was uploaded by them: nobody sends another user's image as theirs). With
 * Cloudinary that is all that can be checked without a call to its Admin API (width, height and
 * bytes are the client's word, within the protocol's bounds and the pixel cap). With the local
 * store, the file must exist and its record must match every field.
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
  return async (attachment, senderId) => {
    const { width, height } = attachment;
    if (width * height > target.maxPixels) {
      throw new ServiceError(
        'INVALID',
        `attachment: ${width}x${height} is more than the ${target.maxPixels} pixels this server accepts`,
      );
    }
    try {
      if (!isInFolder(attachment.publicId, uploaderFolder(target, senderId))) return false;
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
