import { ChatError, isChatError } from '../errors';

/** Any thrown value as a ChatError (unknown failures are `INTERNAL`, so they are not retried). */
export function toChatError(error: unknown): ChatError {
  if (isChatError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ChatError('INTERNAL', message, { cause: error });
}
