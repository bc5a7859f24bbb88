import { describe, expect, it } from 'vitest';
import { failedSeries } from '../load/merge';
import type { Load, SeriesResult } from '../load/types';
import { FULL_OVERLOAD, overloadMiss, runOverload } from './overload';

function series(overrides: Partial<SeriesResult> = {}): SeriesResult {
  return {
    ...failedSeries('causette', ''),
    failure: undefined,
    p50: 400,
    p99: 9_000,
    p999: 12_000,
    max: 15_000,
    sent: 100,
    acked: 100,
    delivered: 100,
    refusals: 250,
    ...overrides,
  } as SeriesResult;
}

describe('overloadMiss', () => {
  it('passes refusals that were retried until stored, however late', () => {
    expect(overloadMiss(series())).toBeUndefined();
  });

  it('names what failed: a dropped socket, a lost, doubled, refused or unanswered message', () => {
    expect(overloadMiss(series({ disconnects: 2 }))).toBe('2 sockets dropped');
    expect(overloadMiss(series({ lost: 3, delivered: 97 }))).toBe('3 never delivered');
    expect(overloadMiss(series({ doubled: 1 }))).toBe('1 doubled');
    expect(overloadMiss(series({ errors: { INTERNAL: 2 }, acked: 98 }))).toBe('2 refused for good');
    expect(overloadMiss(series({ acked: 99 }))).toBe('1 unanswered');
    expect(overloadMiss(failedSeries('causette', 'worker died'))).toBe('failed: worker died');
  });
});

describe('runOverload', () => {
  it('offers twice the capacity on the same sockets, with retries and the long drain', async () => {
    const calls: Array<[Load, unknown]> = [];
    const run = await runOverload(1_500, 1_000, FULL_OVERLOAD, async (load, options) => {
      calls.push([load, options]);
      return series({ disconnects: 1 });
    });
    expect(calls).toEqual([
      [
        { sockets: 1_000, rate: 3_000, durationS: 20 },
        { retryRefused: true, drainMs: FULL_OVERLOAD.drainMs },
      ],
    ]);
    expect(run).toMatchObject({
      rate: 3_000,
      durationS: 20,
      passed: false,
      miss: '1 socket dropped',
    });
  });
});
