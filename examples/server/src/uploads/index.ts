import type { ServerConfig } from '../config';
import { verifyAgainst, type VerifyAttachment } from './attachment-verifier';
import { createLocalStore, type LocalStore } from './local-store';
import { createUploadSigner, type SignUpload } from './upload-signer';
import { resolveUploadTarget, type UploadTarget } from './upload-target';

export { createAttachmentVerifier, verifyAgainst } from './attachment-verifier';
export type { VerifyAttachment } from './attachment-verifier';
export { signParams, signUploadResponse, stringToSign } from './cloudinary-signature';
export type { SignatureAlgorithm } from './cloudinary-signature';
export { inspectImage } from './image-inspect';
export type { ImageInfo } from './image-inspect';
export { createLocalStore } from './local-store';
export type { LocalStore, StoredImage } from './local-store';
export { SIGNATURE_LIFETIME_MS, createUploadSigner } from './upload-signer';
export type { SignUpload, UploadSignature } from './upload-signer';
export { LOCAL_DELIVERY_PATH, LOCAL_UPLOAD_PATH, resolveUploadTarget } from './upload-target';
export type { UploadTarget } from './upload-target';

/** Everything image uploads need, built once so the signer, the store and the checks agree. */
export interface Uploads {
  target: UploadTarget;
  /** Present when images are kept by this server (no `CLOUDINARY_URL`). */
  store?: LocalStore;
  signUpload: SignUpload;
  verifyAttachment: VerifyAttachment;
}

export function createUploads(
  config: Pick<ServerConfig, 'cloudinary' | 'publicUrl' | 'jwt' | 'uploads'>,
): Uploads {
  const target = resolveUploadTarget(config);
  const store = target.kind === 'local' ? createLocalStore(config.uploads.dir) : undefined;
  const uploads: Uploads = {
    target,
    signUpload: createUploadSigner(target),
    verifyAttachment: verifyAgainst(target, store),
  };
  if (store) uploads.store = store;
  return uploads;
}
