// A refused send retried as the core's outbox retries it: the same clientId again (so the server
// stores it once however many tries it takes), after the server's `retryAfterMs` and at least a
// jittered exponential backoff, so refused senders do not all come back in the same instant.
import {
  RECONNECT_MAX_DELAY_MS,
  RECONNECT_MIN_DELAY_MS,
  isErrorCode,
  isTransientError,
} from '@causette/protocol';

/**
 * How long to wait before retry number `attempt` (0 for the first) of a send answered `answer`,
 * or undefined when the answer is final (an `ok` ack, or a permanent error).
 */
export function retryDelayOf(
  answer: unknown,
  attempt: number,
  random: () => number = Math.random,
): number | undefined {
  const ack = answer as { ok?: unknown; error?: { code?: unknown; retryAfterMs?: unknown } } | null;
  const code = ack?.ok === false ? ack.error?.code : undefined;
  if (!isErrorCode(code) || !isTransientError(code)) return undefined;
  const asked = ack?.error?.retryAfterMs;
  const serverDelay = typeof asked === 'number' && Number.isFinite(asked) && asked > 0 ? asked : 0;
  const ceiling = Math.min(
    RECONNECT_MAX_DELAY_MS,
    RECONNECT_MIN_DELAY_MS * 2 ** Math.min(attempt + 1, 30),
  );
  const backoff = RECONNECT_MIN_DELAY_MS + random() * (ceiling - RECONNECT_MIN_DELAY_MS);
  return Math.round(Math.max(serverDelay, backoff));
}
