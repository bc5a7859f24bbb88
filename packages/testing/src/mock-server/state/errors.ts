import type { ErrorCode } from '@causette/protocol';

/** A refusal the mock answers as an error ack, with the reference server's code and words. */
export class MockServiceError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'MockServiceError';
    this.code = code;
  }
}

/** Same words for a missing conversation and one the caller is not in: existence is not leaked. */
export function notAMember(): MockServiceError {
  return new MockServiceError('FORBIDDEN', 'not a member of this conversation');
}
