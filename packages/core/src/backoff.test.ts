import { RECONNECT_MAX_DELAY_MS, RECONNECT_MIN_DELAY_MS } from '@causette/protocol';
import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it('doubles the ceiling with each attempt, from twice the minimum', () => {
    const top = () => 1;
    expect(backoffDelay(0, {}, top)).toBe(RECONNECT_MIN_DELAY_MS * 2);
    expect(backoffDelay(1, {}, top)).toBe(RECONNECT_MIN_DELAY_MS * 4);
    expect(backoffDelay(2, {}, top)).toBe(
      Math.min(RECONNECT_MAX_DELAY_MS, RECONNECT_MIN_DELAY_MS * 8),
    );
  });

  it('spreads even the first retry: clients dropped together do not come back together', () => {
    const delays = new Set([0, 0.25, 0.5, 0.75].map((r) => backoffDelay(0, {}, () => r)));
    expect(delays.size).toBe(4);
    expect(backoffDelay(0, {}, () => 0.5)).toBe(RECONNECT_MIN_DELAY_MS * 1.5);
  });

  it('never exceeds the maximum, even after many attempts', () => {
    expect(backoffDelay(1000, {}, () => 1)).toBe(RECONNECT_MAX_DELAY_MS);
    expect(backoffDelay(Number.POSITIVE_INFINITY, {}, () => 1)).toBe(RECONNECT_MIN_DELAY_MS * 2);
  });

  it('spreads delays over the whole window (full jitter) but never below the minimum', () => {
    expect(backoffDelay(5, {}, () => 0)).toBe(RECONNECT_MIN_DELAY_MS);
    expect(backoffDelay(2, { maxDelayMs: 60_000 }, () => 0.5)).toBe(
      RECONNECT_MIN_DELAY_MS + (RECONNECT_MIN_DELAY_MS * 8 - RECONNECT_MIN_DELAY_MS) / 2,
    );
  });

  it('treats a negative or fractional attempt as the first', () => {
    expect(backoffDelay(-3, {}, () => 1)).toBe(RECONNECT_MIN_DELAY_MS * 2);
    expect(backoffDelay(Number.NaN, {}, () => 1)).toBe(RECONNECT_MIN_DELAY_MS * 2);
  });

  it('honours custom bounds', () => {
    expect(backoffDelay(10, { minDelayMs: 100, maxDelayMs: 1000 }, () => 1)).toBe(1000);
  });
});
