import { IMAGE_FORMATS, type UploadSignature } from '@causette/protocol';
import { ChatError } from '../errors';
import { fetchAnswer, readJson, throwIfAborted } from './http';

/** Options of {@link requestUploadSignature}. */
export interface RequestUploadSignatureOptions {
  /** The chat server's base URL (the socket URL); `/uploads/sign` is appended. */
  url: string;
  /** The user's current token, sent as `Authorization: Bearer`. */
  token: string;
  /** The `fetch` to use; the global one by default. */
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

const WHAT = 'Signing the upload';

/**
 * Asks the chat server for the signed parameters of one direct image upload
 * (`POST {url}/uploads/sign`). One signature is good for one image. Rejects with a `ChatError`:
 * `TOKEN_EXPIRED` (get a fresh token and retry) or `UNAUTHORIZED` for a refused token,
 * `UNAVAILABLE` on a network failure or 5xx, `ABORTED`, or `INTERNAL` for a malformed answer.
 */
export async function requestUploadSignature(
  options: RequestUploadSignatureOptions,
): Promise<UploadSignature> {
  const { url, token, signal } = options ?? ({} as RequestUploadSignatureOptions);
  if (typeof url !== 'string') throw new ChatError('INVALID', 'url must be the chat server URL');
  if (typeof token !== 'string' || token === '') {
    throw new ChatError('INVALID', 'A token is required to sign an upload');
  }
  // A local, so that `fetch` is never called as a method of `options` (illegal in browsers).
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') {
    throw new ChatError('INVALID', 'No fetch in this environment: pass options.fetch');
  }
  throwIfAborted(signal, WHAT);
  const init: RequestInit = { method: 'POST', headers: { authorization: `Bearer ${token}` } };
  if (signal) init.signal = signal;
  const signUrl = `${url.replace(/\/+$/, '')}/uploads/sign`;
  const body = readJson(await fetchAnswer(fetchImpl, signUrl, init, WHAT), WHAT);
  if (!isUploadSignature(body)) {
    throw new ChatError('INTERNAL', `${WHAT} failed: the answer is not an upload signature`);
  }
  return body;
}

/**
 * Whether `value` has what the client uses of an {@link UploadSignature}, as read off the
 * network: an http(s) `uploadUrl`, string `fields`, a positive `maxBytes` and known
 * `allowedFormats`. The other members are for display or other SDKs and are not checked.
 */
export function isUploadSignature(value: unknown): value is UploadSignature {
  const { uploadUrl, fields, maxBytes, allowedFormats } = (value ?? {}) as Partial<UploadSignature>;
  return (
    /^https?:\/\//i.test(String(uploadUrl)) &&
    !!fields &&
    typeof fields === 'object' &&
    Object.values(fields).every((v) => typeof v === 'string') &&
    Number(maxBytes) > 0 &&
    Array.isArray(allowedFormats) &&
    allowedFormats.every((f) => IMAGE_FORMATS.includes(f))
  );
}
