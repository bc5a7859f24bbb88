import { RECONNECT_MAX_DELAY_MS, RECONNECT_MIN_DELAY_MS } from '@causette/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReconnectScheduler } from './reconnect-scheduler';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

/** What the connection does after a failed attempt; returns the delay. */
function failOnce(scheduler: ReconnectScheduler): number {
  scheduler.recordFailure();
  return scheduler.scheduleRetry();
}

describe('ReconnectScheduler', () => {
  it('doubles the delay ceiling per consecutive failure, from 1 s up to 5 s', () => {
    const run = vi.fn();
    const scheduler = new ReconnectScheduler(run, { random: () => 1 });
    const delays = Array.from({ length: 6 }, () => failOnce(scheduler));
    expect(delays).toEqual([1000, 2000, 4000, 5000, 5000, 5000]);
    expect(delays[0]).toBe(RECONNECT_MIN_DELAY_MS * 2);
    expect(delays.at(-1)).toBe(RECONNECT_MAX_DELAY_MS);
    expect(scheduler.failures).toBe(6);
    expect(vi.getTimerCount()).toBe(1);
  });

  it('applies full jitter from the injected random source', () => {
    const scheduler = new ReconnectScheduler(vi.fn(), { random: () => 0.25 });
    for (let i = 0; i < 1; i += 1) scheduler.recordFailure();
    // Second failure: between 0.5 s and a ceiling of 2 s, a quarter of the way.
    expect(failOnce(scheduler)).toBe(875);
  });

  it('runs once when the delay elapses, not before, and reports nextRetryAt until then', () => {
    const run = vi.fn();
    const scheduler = new ReconnectScheduler(run, { random: () => 1, now: () => 1_000 });
    failOnce(scheduler);
    failOnce(scheduler);
    expect(scheduler.nextRetryAt).toBe(3_000);
    expect(scheduler.pending).toBe(true);
    vi.advanceTimersByTime(1_999);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(1);
    expect(scheduler.pending).toBe(false);
    expect(scheduler.nextRetryAt).toBeUndefined();
    vi.advanceTimersByTime(60_000);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('cancel drops the timer but keeps the count; reset clears both', () => {
    const run = vi.fn();
    const scheduler = new ReconnectScheduler(run, { random: () => 1 });
    failOnce(scheduler);
    scheduler.cancel();
    expect(vi.getTimerCount()).toBe(0);
    expect(scheduler.failures).toBe(1);
    failOnce(scheduler);
    scheduler.reset();
    expect(vi.getTimerCount()).toBe(0);
    expect(scheduler.failures).toBe(0);
    vi.advanceTimersByTime(60_000);
    expect(run).not.toHaveBeenCalled();
  });

  it('honours custom bounds', () => {
    const scheduler = new ReconnectScheduler(vi.fn(), {
      random: () => 1,
      minDelayMs: 10,
      maxDelayMs: 25,
    });
    expect([1, 2, 3].map(() => failOnce(scheduler))).toEqual([20, 25, 25]);
  });
});
