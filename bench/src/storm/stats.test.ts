import { describe, expect, it } from 'vitest';
import { relativeTo, summarizeBack, timeToShare } from './stats';

describe('timeToShare', () => {
  it('is the nearest-rank time over every client', () => {
    const times = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(timeToShare(times, 0.5)).toBe(50);
    expect(timeToShare(times, 0.95)).toBe(95);
    expect(timeToShare(times, 1)).toBe(100);
  });

  it('counts clients never back as later than any time', () => {
    const times = [...Array.from({ length: 96 }, () => 10), null, null, null, null];
    expect(timeToShare(times, 0.95)).toBe(10);
    expect(timeToShare(times, 0.97)).toBeNull();
  });

  it('is null for no clients', () => {
    expect(timeToShare([], 0.5)).toBeNull();
  });
});

describe('summarizeBack', () => {
  it('gives the max only when nobody was left behind', () => {
    expect(summarizeBack([300, 100, 200])).toEqual({
      p50: 200,
      p95: 300,
      p99: 300,
      max: 300,
      leftBehind: 0,
    });
    expect(summarizeBack([100, null])).toMatchObject({ p50: 100, max: null, leftBehind: 1 });
  });
});

describe('relativeTo', () => {
  it('makes times relative and drops those past the bound', () => {
    expect(relativeTo(1_000, [1_500, null, 3_000, 900], 1_500)).toEqual([500, null, null, -100]);
  });
});
