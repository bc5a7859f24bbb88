// http_ece ships no types; the push tests decrypt with it (a receiver's side of RFC 8291).
declare module 'http_ece' {
  import type { ECDH } from 'node:crypto';

  /** What `decrypt` needs for `aes128gcm`: the receiver's key pair and the auth secret. */
  export interface DecryptParams {
    version: 'aes128gcm';
    privateKey: ECDH;
    authSecret: string | Buffer;
  }

  export function decrypt(buffer: Buffer, params: DecryptParams): Buffer;
}
