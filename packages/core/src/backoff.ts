import { RECONNECT_MAX_DELAY_MS, RECONNECT_MIN_DELAY_MS } from '@causette/protocol';

/** Bounds of an exponential backoff. */
export interface BackoffOptions {
  minDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Delay before retry number `attempt` (0 for the first retry): anywhere between `minDelayMs` and a
 * ceiling that doubles with each attempt from twice the minimum, capped at `maxDelayMs` (full
 * jitter), so that the clients of a restarted server do not all come back in the same instant:
 * the first retry too is spread over [min, 2 × min]. `random` is injectable for tests.
 */
export function backoffDelay(
  attempt: number,
  { minDelayMs = RECONNECT_MIN_DELAY_MS, maxDelayMs = RECONNECT_MAX_DELAY_MS }: BackoffOptions = {},
  random: () => number = Math.random,
): number {
  const safeAttempt = Number.isFinite(attempt) && attempt > 0 ? Math.floor(attempt) : 0;
  // 2 ** 30 already exceeds any sane cap; clamping the exponent keeps the product finite.
  const ceiling = Math.max(
    minDelayMs,
    Math.min(maxDelayMs, minDelayMs * 2 ** Math.min(safeAttempt + 1, 30)),
  );
  return Math.round(minDelayMs + random() * (ceiling - minDelayMs));
}
