import { describe, expect, it } from 'vitest';
import { chunkRanges } from './fill';
import { latencyStats } from './stats';

describe('latencyStats', () => {
  it('computes nearest-rank percentiles, max and mean in any order', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(latencyStats(values)).toEqual({
      count: 100,
      p50: 50,
      p95: 95,
      p99: 99,
      max: 100,
      mean: 50.5,
    });
  });

  it('gives nulls when nothing was timed', () => {
    expect(latencyStats([])).toEqual({
      count: 0,
      p50: null,
      p95: null,
      p99: null,
      max: null,
      mean: null,
    });
  });
});

describe('chunkRanges', () => {
  it('cuts conversations into ranges of about the given number of messages, covering all', () => {
    expect(chunkRanges([5, 5, 5, 5, 5], 10)).toEqual([
      [0, 1],
      [2, 3],
      [4, 4],
    ]);
    expect(chunkRanges([30, 1, 1], 10)).toEqual([
      [0, 0],
      [1, 2],
    ]);
  });
});
