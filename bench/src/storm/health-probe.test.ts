import { describe, expect, it } from 'vitest';
import { summarizeHealth } from './health-probe';

describe('summarizeHealth', () => {
  it('gives the median and the slowest answer, and counts failures as requests', () => {
    expect(summarizeHealth([3.2, 1.1, 2500.4, 2.2], 2)).toEqual({
      requests: 6,
      failed: 2,
      p50: 2,
      max: 2500,
    });
  });

  it('has no figures without an answer', () => {
    expect(summarizeHealth([], 3)).toEqual({ requests: 3, failed: 3, p50: null, max: null });
  });
});
