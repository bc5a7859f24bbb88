import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resultsDir } from './results-dir';

describe('resultsDir', () => {
  it('keeps quick and custom runs out of the committed results', () => {
    expect(resultsDir('/repo/bench', 'full', {})).toBe('/repo/bench/results');
    expect(resultsDir('/repo/bench', 'quick', {})).toBe('/repo/bench/results/quick');
    expect(resultsDir('/repo/bench', 'custom', {})).toBe('/repo/bench/results/custom');
  });

  it('writes where BENCH_RESULTS_DIR says, quick or not', () => {
    expect(resultsDir('/repo/bench', 'quick', { BENCH_RESULTS_DIR: '/tmp/out' })).toBe('/tmp/out');
    expect(resultsDir('/repo/bench', 'full', { BENCH_RESULTS_DIR: 'out' })).toBe(
      path.resolve('out'),
    );
  });
});
