import { IMAGE_FORMATS, type ImageFormat } from '@causette/protocol';

// Delivery URLs have Cloudinary's shape: `<base>/v<version>/<public_id>.<format>`. Public ids we
// hand out are slash-separated segments of letters, digits, `_` and `-` only: no dots, so no
// `..`, no extension confusion, and a public id maps onto a file path safely.

const SEGMENT = '[A-Za-z0-9_-]{1,100}';
const PUBLIC_ID = new RegExp(`^${SEGMENT}(?:/${SEGMENT}){0,5}$`);
const MAX_PUBLIC_ID_LENGTH = 255;
const DELIVERY_PATH = /^v(\d{1,12})\/(.+)\.([a-z]{3,4})$/;

/** The parts of a delivery URL. */
export interface DeliveryRef {
  version: number;
  publicId: string;
  format: ImageFormat;
}

/** Whether `publicId` has the shape this server hands out. */
export function isSafePublicId(publicId: string): boolean {
  return publicId.length <= MAX_PUBLIC_ID_LENGTH && PUBLIC_ID.test(publicId);
}

/** Whether `publicId` lies under `folder/` (any depth). */
export function isInFolder(publicId: string, folder: string): boolean {
  return publicId.startsWith(`${folder}/`) && publicId.length > folder.length + 1;
}

/** `<base>/v<version>/<public_id>.<format>` */
export function buildDeliveryUrl(base: string, ref: DeliveryRef): string {
  return `${base}/v${ref.version}/${ref.publicId}.${ref.format}`;
}

/** Reads `v<version>/<public_id>.<format>` (the part after the delivery base), or undefined. */
export function parseDeliveryPath(path: string): DeliveryRef | undefined {
  const match = DELIVERY_PATH.exec(path);
  if (!match) return undefined;
  const [, version, publicId, format] = match;
  if (!version || !publicId || !format) return undefined;
  if (!isSafePublicId(publicId) || !isImageFormat(format)) return undefined;
  return { version: Number(version), publicId, format };
}

export function isImageFormat(value: string): value is ImageFormat {
  return (IMAGE_FORMATS as readonly string[]).includes(value);
}

/** The per-user folder: the user id itself when it is path-safe, a hash of it otherwise. */
export function userFolder(base: string, userId: string, hash: (text: string) => string): string {
  const segment = /^[A-Za-z0-9_-]{1,64}$/.test(userId) ? userId : `h-${hash(userId).slice(0, 32)}`;
  return `${base}/${segment}`;
}
