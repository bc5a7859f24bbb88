import { isErrorCode } from '@causette/protocol';
import { ChatError } from '../errors';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads an ack off the wire (PROTOCOL.md, "Requests and acks"): returns `data` of `{ ok: true }`,
 * throws a ChatError carrying the server's code, message and `retryAfterMs` for `{ ok: false }`,
 * and `INTERNAL` for anything else, since a server that breaks the contract is a bug to surface,
 * not data to trust.
 */
export function parseAck<T>(event: string, response: unknown): T {
  if (!isRecord(response) || typeof response.ok !== 'boolean') {
    throw new ChatError('INTERNAL', `malformed ack for ${event}: expected { ok: boolean, ... }`);
  }
  if (response.ok) {
    if (!('data' in response)) {
      throw new ChatError('INTERNAL', `malformed ack for ${event}: { ok: true } without data`);
    }
    return response.data as T;
  }
  const error = response.error;
  if (!isRecord(error) || !isErrorCode(error.code)) {
    throw new ChatError(
      'INTERNAL',
      `malformed ack for ${event}: { ok: false } without a known error code`,
    );
  }
  const message = typeof error.message === 'string' && error.message ? error.message : error.code;
  const retryAfterMs =
    typeof error.retryAfterMs === 'number' &&
    Number.isFinite(error.retryAfterMs) &&
    error.retryAfterMs >= 0
      ? error.retryAfterMs
      : undefined;
  throw new ChatError(
    error.code,
    message,
    retryAfterMs === undefined ? undefined : { retryAfterMs },
  );
}
