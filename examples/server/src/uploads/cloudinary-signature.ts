import { createHash, timingSafeEqual } from 'node:crypto';
import type { UploadSignatureAlgorithm } from '@causette/protocol';

// Cloudinary's request signature (cloudinary.com/documentation/authentication_signatures):
// every parameter sent except file, cloud_name, resource_type and api_key, timestamp included,
// as `key=value` pairs sorted by key and joined with `&`, array values joined with `,`, then the
// API secret appended and the whole hashed with SHA-1 (or SHA-256) as lowercase hex. The SDKs'
// signature version 2 also escapes `&` inside values as `%26`, which changes nothing for values
// without one, so it is done here too.

export type SignatureAlgorithm = UploadSignatureAlgorithm;

/** A parameter value as the SDKs accept it; empty values are left out of the signature. */
export type SignedValue = string | number | boolean | readonly string[] | undefined | null;

/** Form fields that never take part in the signature. */
export const UNSIGNED_FIELDS: ReadonlySet<string> = new Set([
  'file',
  'cloud_name',
  'resource_type',
  'api_key',
  'signature',
]);

/** The string Cloudinary hashes (before the secret is appended). */
export function stringToSign(params: Readonly<Record<string, SignedValue>>): string {
  return Object.entries(params)
    .filter(([key]) => !UNSIGNED_FIELDS.has(key))
    .map(([key, value]) => [key, Array.isArray(value) ? value.join(',') : value] as const)
    .filter((entry): entry is readonly [string, string | number | boolean] => {
      const value = entry[1];
      return value !== undefined && value !== null && value !== '';
    })
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${String(value)}`.replace(/&/g, '%26'))
    .join('&');
}

/** The signature of an upload request with these parameters. */
export function signParams(
  params: Readonly<Record<string, SignedValue>>,
  apiSecret: string,
  algorithm: SignatureAlgorithm,
): string {
  return createHash(algorithm)
    .update(stringToSign(params) + apiSecret)
    .digest('hex');
}

/** The `signature` field of an upload response: `public_id=...&version=...` plus the secret. */
export function signUploadResponse(
  publicId: string,
  version: number,
  apiSecret: string,
  algorithm: SignatureAlgorithm,
): string {
  return createHash(algorithm)
    .update(`public_id=${publicId}&version=${version}${apiSecret}`)
    .digest('hex');
}

/** Compares two hex signatures in constant time. */
export function signaturesMatch(expected: string, received: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(received.toLowerCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
