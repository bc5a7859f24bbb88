export { SNIFF_BYTES, sniffImageFormat, validateImageFile } from './image-file';
export type { ImageFileLimits } from './image-file';
export { uploadImage } from './upload-image';
export type { UploadOptions, UploadProgress } from './upload-image';
export { isUploadSignature, requestUploadSignature } from './upload-signature';
export type { RequestUploadSignatureOptions } from './upload-signature';
