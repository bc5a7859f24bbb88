/** Every error code an ack can carry (PROTOCOL.md, "Requests and acks"). */
export const ERROR_CODES = [
  'INVALID',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'RATE_LIMITED',
  'TOO_LARGE',
  'CONFLICT',
  'UNAVAILABLE',
  'INTERNAL',
] as const;

/** An error code carried by a failed ack. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The codes a `connect_error` may carry in `err.data.code` when the server refuses a handshake. */
export const HANDSHAKE_ERROR_CODES = [
  'UNAUTHORIZED',
  'TOKEN_EXPIRED',
  'ORIGIN_REJECTED',
  'OVERLOADED',
] as const;

/** Why the server refused a handshake. */
export type HandshakeErrorCode = (typeof HANDSHAKE_ERROR_CODES)[number];

/** The `data` of a `connect_error` raised by the server's handshake checks. */
export interface HandshakeErrorData {
  code: HandshakeErrorCode;
  message: string;
}

/**
 * The message of the one answer (`FORBIDDEN`) to a `conversation:open` the server refuses, whether
 * its policy says no or a participant does not exist: the same words for both, so that nobody can
 * probe which user ids exist.
 */
export const CONVERSATION_OPEN_REFUSED = 'you cannot open a conversation with these participants';

/** The error half of an {@link Ack}. */
export interface AckError {
  code: ErrorCode;
  /** Human-readable; for `INVALID` it names the offending field. */
  message: string;
  /** Set with `RATE_LIMITED` (and optionally `UNAVAILABLE`): wait this long before retrying. */
  retryAfterMs?: number;
}

/** The answer to every client request that takes an ack callback. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: AckError };

/** The ack callback a server handler receives. */
export type AckCallback<T> = (response: Ack<T>) => void;

const TRANSIENT: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['UNAVAILABLE', 'RATE_LIMITED']);

/**
 * Whether a request that failed with `code` may succeed if sent again unchanged.
 * `UNAVAILABLE` and `RATE_LIMITED` are transient; every other code is permanent for that request.
 */
export function isTransientError(code: ErrorCode): boolean {
  return TRANSIENT.has(code);
}

/** Type guard for values read off the wire. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** Builds a successful ack. */
export function ackOk<T>(data: T): Ack<T> {
  return { ok: true, data };
}

/** Builds a failed ack. */
export function ackError(code: ErrorCode, message: string, retryAfterMs?: number): Ack<never> {
  return {
    ok: false,
    error: retryAfterMs === undefined ? { code, message } : { code, message, retryAfterMs },
  };
}
