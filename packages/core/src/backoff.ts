import { RECONNECT_MAX_DELAY_MS, RECONNECT_MIN_DELAY_MS } from '@causette/protocol';

/** Bounds of an exponential backoff. */
export interface BackoffOptions {
  minDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Delay before retry number `attempt` (0 for the first retry): exponential from `minDelayMs`,
 * capped at `maxDelayMs`, with full jitter so that a server restart does not bring every client
 * back in the same instant. `random` is injectable for tests.
 */
export function backoffDelay(
  attempt: number,
  { minDelayMs = RECONNECT_MIN_DELAY_MS, maxDelayMs = RECONNECT_MAX_DELAY_MS }: BackoffOptions = {},
  random: () => number = Math.random,
): number {
  const safeAttempt = Number.isFinite(attempt) && attempt > 0 ? Math.floor(attempt) : 0;
  // 2 ** 30 already exceeds any sane cap; clamping the exponent keeps the product finite.
  const ceiling = Math.min(maxDelayMs, minDelayMs * 2 ** Math.min(safeAttempt, 30));
  return Math.max(minDelayMs, Math.round(random() * ceiling));
}
