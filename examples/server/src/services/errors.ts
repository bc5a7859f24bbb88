import { CONVERSATION_OPEN_REFUSED, type ErrorCode } from '@causette/protocol';

/** A refusal a service reports to the caller; the socket layer turns it into an error ack. */
export class ServiceError extends Error {
  readonly code: ErrorCode;
  /** For transient refusals (`UNAVAILABLE`, `RATE_LIMITED`): when the client may try again. */
  readonly retryAfterMs: number | undefined;
  constructor(code: ErrorCode, message: string, retryAfterMs?: number) {
    super(message);
    this.name = 'ServiceError';
    this.code = code;
    this.retryAfterMs = retryAfterMs;
  }
}

/**
 * The single answer for a conversation or message the caller may not see: a non-member and a
 * missing conversation get the same words, so nobody learns whether it exists.
 */
export function notAMember(): ServiceError {
  return new ServiceError('FORBIDDEN', 'not a member of this conversation');
}

/**
 * The single answer to a `conversation:open` the server refuses: a participant who does not exist
 * and one the conversation policy keeps the caller from get the same code and words, so nobody
 * learns which user ids exist.
 */
export function conversationRefused(): ServiceError {
  return new ServiceError('FORBIDDEN', CONVERSATION_OPEN_REFUSED);
}
