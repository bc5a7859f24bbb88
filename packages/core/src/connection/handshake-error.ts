import { HANDSHAKE_ERROR_CODES, type HandshakeErrorCode } from '@causette/protocol';
import { ChatError } from '../errors';

/** What a failed connection attempt means for the next one. */
export type AttemptFailure =
  /** The token expired: fetch a new one and retry at once. */
  | { kind: 'expired'; error: ChatError }
  /** The server will keep refusing (bad token, forbidden origin): stop. */
  | { kind: 'fatal'; error: ChatError }
  /** Overload, network trouble, timeout: retry after a backoff. */
  | { kind: 'transient'; error: ChatError };

function isHandshakeCode(value: unknown): value is HandshakeErrorCode {
  return typeof value === 'string' && (HANDSHAKE_ERROR_CODES as readonly string[]).includes(value);
}

/**
 * A server whose origin check is engine.io's `allowRequest` (the reference server answers
 * ORIGIN_REJECTED in the handshake data instead) refuses with an HTTP 403 whose JSON body names
 * ORIGIN_REJECTED; socket.io-client only exposes that body on the polling transport, through the
 * XHR in `context`, and a browser not even there (CORS hides it).
 */
function isOriginRefusal(err: { description?: unknown; context?: unknown }): boolean {
  if (err.description !== 403) return false;
  const body = (err.context as { responseText?: unknown } | null | undefined)?.responseText;
  return typeof body === 'string' && body.includes('ORIGIN_REJECTED');
}

/** Classifies a socket.io `connect_error` (the server's verdict is in `err.data.code`). */
export function readConnectError(err: unknown): AttemptFailure {
  const record = (typeof err === 'object' && err !== null ? err : {}) as {
    message?: unknown;
    data?: { code?: unknown; message?: unknown } | null;
    description?: unknown;
    context?: unknown;
  };
  const code = record.data?.code;
  const serverMessage = typeof record.data?.message === 'string' ? record.data.message : undefined;
  const message =
    serverMessage ??
    (typeof record.message === 'string' && record.message ? record.message : 'connection failed');
  if (isHandshakeCode(code)) {
    const error = new ChatError(code, message, { cause: err });
    if (code === 'TOKEN_EXPIRED') return { kind: 'expired', error };
    if (code === 'OVERLOADED') return { kind: 'transient', error };
    return { kind: 'fatal', error };
  }
  if (isOriginRefusal(record)) {
    return {
      kind: 'fatal',
      error: new ChatError('ORIGIN_REJECTED', 'origin rejected by the server', { cause: err }),
    };
  }
  return { kind: 'transient', error: new ChatError('UNAVAILABLE', message, { cause: err }) };
}
