import { createHash, randomBytes } from 'node:crypto';
import { IMAGE_FORMATS, type UploadSignature } from '@causette/protocol';
import { signParams } from './cloudinary-signature';
import { userFolder } from './delivery-url';
import type { UploadTarget } from './upload-target';

/** Signatures are accepted this long after their timestamp (Cloudinary's own rule). */
export const SIGNATURE_LIFETIME_MS = 60 * 60 * 1000;

export type { UploadSignature };

/** Signs upload parameters for one user and one image. */
export type SignUpload = (userId: string, now?: number) => UploadSignature;

/**
 * The public id is signed in full (`<folder>/<user>/<random>`), rather than sent as `folder`,
 * so that it comes out the same in Cloudinary's fixed and dynamic folder modes, and so the
 * attachment check can insist an image lies in this server's folder. `overwrite=false` keeps a
 * reused signature from replacing an image already sent in a message.
 */
export function createUploadSigner(target: UploadTarget): SignUpload {
  return (userId, now = Date.now()) => {
    const folder = uploaderFolder(target, userId);
    const publicId = `${folder}/${randomId()}`;
    const timestamp = Math.floor(now / 1000);
    const allowedFormats = [...IMAGE_FORMATS];
    const signed = {
      allowed_formats: allowedFormats.join(','),
      overwrite: 'false',
      public_id: publicId,
      timestamp: String(timestamp),
    };
    const signature = signParams(signed, target.apiSecret, target.signatureAlgorithm);
    return {
      uploadUrl: target.uploadUrl,
      apiKey: target.apiKey,
      cloudName: target.cloudName,
      timestamp,
      signature,
      signatureAlgorithm: target.signatureAlgorithm,
      folder,
      publicId,
      allowedFormats,
      maxBytes: target.maxBytes,
      expiresAt: timestamp * 1000 + SIGNATURE_LIFETIME_MS,
      fields: { ...signed, api_key: target.apiKey, signature },
    };
  };
}

/**
 * The folder a user's uploads go to, `<folder>/<user>`: since the public id is signed, an image
 * under it can only have been uploaded with a signature made for that user.
 */
export function uploaderFolder(target: Pick<UploadTarget, 'folder'>, userId: string): string {
  return userFolder(target.folder, userId, sha256Hex);
}

/** 20 lowercase letters and digits, like Cloudinary's generated ids. */
function randomId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(20), (byte) => alphabet[byte % alphabet.length]).join('');
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
