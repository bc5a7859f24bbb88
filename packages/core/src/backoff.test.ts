import { RECONNECT_MAX_DELAY_MS, RECONNECT_MIN_DELAY_MS } from '@causette/protocol';
import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it('doubles the ceiling with each attempt', () => {
    const top = () => 1;
    expect(backoffDelay(0, {}, top)).toBe(RECONNECT_MIN_DELAY_MS);
    expect(backoffDelay(1, {}, top)).toBe(RECONNECT_MIN_DELAY_MS * 2);
    expect(backoffDelay(3, {}, top)).toBe(RECONNECT_MIN_DELAY_MS * 8);
  });

  it('never exceeds the maximum, even after many attempts', () => {
    expect(backoffDelay(1000, {}, () => 1)).toBe(RECONNECT_MAX_DELAY_MS);
    expect(backoffDelay(Number.POSITIVE_INFINITY, {}, () => 1)).toBe(RECONNECT_MIN_DELAY_MS);
  });

  it('spreads delays over the whole window (full jitter) but never below the minimum', () => {
    expect(backoffDelay(5, {}, () => 0)).toBe(RECONNECT_MIN_DELAY_MS);
    expect(backoffDelay(5, {}, () => 0.5)).toBe(RECONNECT_MIN_DELAY_MS * 16);
  });

  it('treats a negative or fractional attempt as the first', () => {
    expect(backoffDelay(-3, {}, () => 1)).toBe(RECONNECT_MIN_DELAY_MS);
    expect(backoffDelay(Number.NaN, {}, () => 1)).toBe(RECONNECT_MIN_DELAY_MS);
  });

  it('honours custom bounds', () => {
    expect(backoffDelay(10, { minDelayMs: 100, maxDelayMs: 1000 }, () => 1)).toBe(1000);
  });
});
