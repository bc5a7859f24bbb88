import { createHmac, randomBytes } from 'node:crypto';
import type { ServerConfig } from '../config';
import type { SignatureAlgorithm } from './cloudinary-signature';

/** Path of the local store's upload API, mimicking `https://api.cloudinary.com/v1_1/<cloud>/image/upload`. */
export const LOCAL_UPLOAD_PATH = '/uploads/local/image/upload';
/** Path prefix the local store serves files under, mimicking `https://res.cloudinary.com/<cloud>/image/upload`. */
export const LOCAL_DELIVERY_PATH = LOCAL_UPLOAD_PATH;
/** Cloud name and api key the local store answers to. */
export const LOCAL_CLOUD_NAME = 'local';

/** Where images are uploaded to and delivered from: Cloudinary, or this server's local store. */
export interface UploadTarget {
  kind: 'cloudinary' | 'local';
  cloudName: string;
  apiKey: string;
  apiSecret: string;
  signatureAlgorithm: SignatureAlgorithm;
  /** Where the client POSTs the multipart form. */
  uploadUrl: string;
  /** Delivery URLs are `<deliveryBase>/v<version>/<public_id>.<format>`. */
  deliveryBase: string;
  /** Uploads go under `<folder>/<user>/`. */
  folder: string;
  maxBytes: number;
  /** Most pixels (width x height) an image may have (UPLOAD_MAX_PIXELS). */
  maxPixels: number;
}

/** Resolves the upload target from the configuration. */
export function resolveUploadTarget(
  config: Pick<ServerConfig, 'cloudinary' | 'publicUrl' | 'jwt' | 'uploads'>,
): UploadTarget {
  const { folder, maxBytes, maxPixels } = config.uploads;
  if (config.cloudinary) {
    const { cloudName, apiKey, apiSecret, signatureAlgorithm } = config.cloudinary;
    return {
      kind: 'cloudinary',
      cloudName,
      apiKey,
      apiSecret,
      signatureAlgorithm,
      uploadUrl: `https://api.cloudinary.com/v1_1/${cloudName}/image/upload`,
      deliveryBase: `https://res.cloudinary.com/${cloudName}/image/upload`,
      folder,
      maxBytes,
      maxPixels,
    };
  }
  return {
    kind: 'local',
    cloudName: LOCAL_CLOUD_NAME,
    apiKey: LOCAL_CLOUD_NAME,
    apiSecret: localSecret(config.jwt),
    signatureAlgorithm: 'sha256',
    uploadUrl: `${config.publicUrl}${LOCAL_UPLOAD_PATH}`,
    deliveryBase: `${config.publicUrl}${LOCAL_DELIVERY_PATH}`,
    folder,
    maxBytes,
    maxPixels,
  };
}

/**
 * The local store's signing secret. Derived from the JWT secret so that signatures survive a
 * restart and it never appears anywhere; with a public-key setup there is no secret to derive
 * from, so each process draws its own (a signature then lasts as long as the process).
 */
function localSecret(jwt: ServerConfig['jwt']): string {
  const key = jwt.algorithm === 'HS256' ? jwt.secret : randomBytes(32);
  return createHmac('sha256', key).update('causette local upload store').digest('hex');
}
