import { describe, expect, it } from 'vitest';
import { failedSeries } from '../load/merge';
import type { SeriesResult } from '../load/types';
import { missOf, ramp } from './ramp';

function series(overrides: Partial<SeriesResult> = {}): SeriesResult {
  return {
    ...failedSeries('causette', ''),
    failure: undefined,
    p50: 2,
    p99: 10,
    p999: 20,
    max: 30,
    sent: 100,
    acked: 100,
    delivered: 100,
    ...overrides,
  } as SeriesResult;
}

describe('missOf', () => {
  it('passes a clean step under the limit', () => {
    expect(missOf(series())).toBeUndefined();
  });

  it('names what missed: p99, loss, doubles, refusals, disconnects, failure', () => {
    expect(missOf(series({ p99: 50 }))).toBe('p99 50.0 ms');
    expect(missOf(series({ lost: 3 }))).toBe('3 lost');
    expect(missOf(series({ doubled: 1 }))).toBe('1 doubled');
    expect(missOf(series({ errors: { UNAVAILABLE: 4, RATE_LIMITED: 1 } }))).toBe('5 refused');
    expect(missOf(series({ disconnects: 2 }))).toBe('2 disconnects');
    expect(missOf(failedSeries('causette', 'set-up timed out'))).toBe('failed: set-up timed out');
    expect(missOf(series({ p99: null }))).toBe('nothing delivered');
  });
});

describe('ramp', () => {
  it('raises the rate until a step misses, and stops there', async () => {
    const asked: number[] = [];
    const result = await ramp([100, 200, 400, 800], { sockets: 10, durationS: 1 }, (load) => {
      asked.push(load.rate);
      return Promise.resolve(series({ p99: load.rate >= 400 ? 80 : 5 }));
    });
    expect(asked).toEqual([100, 200, 400]);
    expect(result.capacity).toBe(200);
    expect(result.steps.map((step) => step.passed)).toEqual([true, true, false]);
    expect(result.steps[2]?.miss).toBe('p99 80.0 ms');
  });

  it('has no capacity when the first step misses', async () => {
    const result = await ramp([100, 200], { sockets: 10, durationS: 1 }, () =>
      Promise.resolve(series({ lost: 1 })),
    );
    expect(result.capacity).toBeNull();
    expect(result.steps).toHaveLength(1);
  });
});
