import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resultsDir } from './results-dir';

describe('resultsDir', () => {
  it('keeps quick runs out of the committed results', () => {
    expect(resultsDir('/repo/bench', false, {})).toBe('/repo/bench/results');
    expect(resultsDir('/repo/bench', true, {})).toBe('/repo/bench/results/quick');
  });

  it('writes where BENCH_RESULTS_DIR says, quick or not', () => {
    expect(resultsDir('/repo/bench', true, { BENCH_RESULTS_DIR: '/tmp/out' })).toBe('/tmp/out');
    expect(resultsDir('/repo/bench', false, { BENCH_RESULTS_DIR: 'out' })).toBe(
      path.resolve('out'),
    );
  });
});
