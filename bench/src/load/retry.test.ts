import { RECONNECT_MAX_DELAY_MS, RECONNECT_MIN_DELAY_MS } from '@causette/protocol';
import { describe, expect, it } from 'vitest';
import { retryDelayOf } from './retry';

const refused = (code: string, retryAfterMs?: number) => ({
  ok: false,
  error: { code, message: 'busy', ...(retryAfterMs === undefined ? {} : { retryAfterMs }) },
});

describe('retryDelayOf', () => {
  it('retries UNAVAILABLE and RATE_LIMITED, never a final answer', () => {
    expect(retryDelayOf(refused('UNAVAILABLE'), 0, () => 0)).toBe(RECONNECT_MIN_DELAY_MS);
    expect(retryDelayOf(refused('RATE_LIMITED'), 0, () => 0)).toBe(RECONNECT_MIN_DELAY_MS);
    expect(retryDelayOf({ ok: true, data: {} }, 0)).toBeUndefined();
    for (const code of ['INVALID', 'FORBIDDEN', 'NOT_FOUND', 'INTERNAL']) {
      expect(retryDelayOf(refused(code), 0)).toBeUndefined();
    }
    expect(retryDelayOf(null, 0)).toBeUndefined();
    expect(retryDelayOf({ ok: false }, 0)).toBeUndefined();
  });

  it("waits the server's retryAfterMs when it is longer than the backoff", () => {
    expect(retryDelayOf(refused('UNAVAILABLE', 3_000), 0, () => 0)).toBe(3_000);
    expect(retryDelayOf(refused('UNAVAILABLE', 10), 0, () => 0)).toBe(RECONNECT_MIN_DELAY_MS);
    expect(retryDelayOf(refused('UNAVAILABLE', -5), 0, () => 0)).toBe(RECONNECT_MIN_DELAY_MS);
  });

  it('spreads retries over a ceiling that doubles with each attempt, capped', () => {
    expect(retryDelayOf(refused('UNAVAILABLE'), 0, () => 1)).toBe(2 * RECONNECT_MIN_DELAY_MS);
    expect(retryDelayOf(refused('UNAVAILABLE'), 1, () => 1)).toBe(4 * RECONNECT_MIN_DELAY_MS);
    expect(retryDelayOf(refused('UNAVAILABLE'), 50, () => 1)).toBe(RECONNECT_MAX_DELAY_MS);
  });
});
