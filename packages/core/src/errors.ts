import { type ErrorCode, type HandshakeErrorCode, isTransientError } from '@causette/protocol';

/**
 * Why a client operation failed: a server refusal (the protocol's `ErrorCode`), a refused handshake
 * (`HandshakeErrorCode`), or a client-side condition:
 * `TIMEOUT` (no ack in time: the server may still have done it), `OFFLINE` (not connected),
 * `DESTROYED` (the client was destroyed), `ABORTED` (cancelled through an `AbortSignal`).
 */
export type ChatErrorCode =
  ErrorCode | HandshakeErrorCode | 'TIMEOUT' | 'OFFLINE' | 'DESTROYED' | 'ABORTED';

const CLIENT_TRANSIENT: ReadonlySet<ChatErrorCode> = new Set<ChatErrorCode>([
  'TIMEOUT',
  'OFFLINE',
  'OVERLOADED',
]);

/** The error every `@causette/core` operation rejects or reports with. */
export class ChatError extends Error {
  override readonly name = 'ChatError';
  /** What went wrong, machine-readable. */
  readonly code: ChatErrorCode;
  /** With `RATE_LIMITED`: wait this long before trying again. */
  readonly retryAfterMs?: number;

  constructor(
    code: ChatErrorCode,
    message: string,
    options?: { retryAfterMs?: number; cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options?.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }

  /** Whether the same operation may succeed if tried again later, unchanged. */
  get transient(): boolean {
    return CLIENT_TRANSIENT.has(this.code) || isTransientError(this.code as ErrorCode);
  }
}

/** Type guard for errors raised by `@causette/core`. */
export function isChatError(error: unknown): error is ChatError {
  return error instanceof ChatError;
}
