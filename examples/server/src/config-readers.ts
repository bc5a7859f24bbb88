import type { CloudinaryConfig, VapidConfig } from './config';

// Readers for the settings whose value has an inner structure. Each adds one line per problem to
// `problems` and returns undefined when the value is unusable.

type Problems = string[];

interface VapidEnv {
  VAPID_PUBLIC_KEY?: string | undefined;
  VAPID_PRIVATE_KEY?: string | undefined;
  VAPID_SUBJECT?: string | undefined;
}

/** Parses `cloudinary://api_key:api_secret@cloud_name`. */
export function readCloudinaryUrl(
  raw: string,
  signatureAlgorithm: CloudinaryConfig['signatureAlgorithm'],
  problems: Problems,
): CloudinaryConfig | undefined {
  const bad = 'CLOUDINARY_URL: expected cloudinary://api_key:api_secret@cloud_name';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    problems.push(bad);
    return undefined;
  }
  const apiKey = decodeURIComponent(url.username);
  const apiSecret = decodeURIComponent(url.password);
  const cloudName = url.hostname;
  if (url.protocol !== 'cloudinary:' || !apiKey || !apiSecret || !cloudName) {
    problems.push(bad);
    return undefined;
  }
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(cloudName)) {
    problems.push('CLOUDINARY_URL: the cloud name holds characters Cloudinary does not use');
    return undefined;
  }
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(apiKey)) {
    problems.push('CLOUDINARY_URL: the api key holds characters Cloudinary does not use');
    return undefined;
  }
  return { cloudName, apiKey, apiSecret, signatureAlgorithm };
}

export function readVapid(e: VapidEnv, problems: Problems): VapidConfig | undefined {
  const { VAPID_PUBLIC_KEY: publicKey, VAPID_PRIVATE_KEY: privateKey, VAPID_SUBJECT: subject } = e;
  const set = [publicKey, privateKey, subject].filter(Boolean).length;
  if (set === 0) return undefined;
  if (!publicKey || !privateKey || !subject) {
    problems.push('VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY, VAPID_SUBJECT: set all three or none');
    return undefined;
  }
  let ok = true;
  if (base64UrlBytes(publicKey) !== 65) {
    problems.push('VAPID_PUBLIC_KEY: expected a base64url P-256 public key (65 bytes)');
    ok = false;
  }
  if (base64UrlBytes(privateKey) !== 32) {
    problems.push('VAPID_PRIVATE_KEY: expected a base64url P-256 private key (32 bytes)');
    ok = false;
  }
  if (!/^(mailto:\S+@\S+|https:\/\/\S+)$/.test(subject)) {
    problems.push('VAPID_SUBJECT: expected a mailto: or https: URL');
    ok = false;
  }
  return ok ? { publicKey, privateKey, subject } : undefined;
}

function base64UrlBytes(value: string): number {
  if (!/^[A-Za-z0-9_-]+$/.test(value)) return -1;
  return Buffer.from(value, 'base64url').byteLength;
}

/** Shortest METRICS_TOKEN accepted outside development. */
export const MIN_METRICS_TOKEN_LENGTH = 16;

/** Checks METRICS_TOKEN, the bearer token `GET /metrics` requires when it is set. */
export function checkMetricsToken(
  token: string | undefined,
  development: boolean,
  problems: Problems,
) {
  if (token === undefined) return;
  // It travels in an `Authorization: Bearer` header: one word of visible ASCII.
  if (!/^[\x21-\x7e]+$/.test(token)) {
    problems.push('METRICS_TOKEN: visible ASCII characters only, no spaces');
  } else if (!development && token.length < MIN_METRICS_TOKEN_LENGTH) {
    problems.push(
      `METRICS_TOKEN: at least ${MIN_METRICS_TOKEN_LENGTH} characters outside development (got ${token.length})`,
    );
  }
}
