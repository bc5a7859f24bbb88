import { describe, expect, it } from 'vitest';
import { BENCH_NAMES } from './args';
import { BENCHMARKS } from './benchmarks';

describe('benchmarks', () => {
  it('runs every name the command line knows, in that order', () => {
    expect(BENCHMARKS.map((benchmark) => benchmark.name)).toEqual([...BENCH_NAMES]);
  });
});
