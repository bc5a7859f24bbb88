import { describe, expect, it } from 'vitest';
import { atMedianRun, runsFor, summarizeRuns } from './summarize';

describe('summarizeRuns', () => {
  it('gives the median of an odd count as one run, and the spread', () => {
    expect(summarizeRuns([300.04, 120.26, 180])).toEqual({
      p50: 180,
      p95: 300,
      p99: 300,
      max: 300,
      runs: [300, 120.3, 180],
    });
  });

  it('is null without runs', () => {
    expect(summarizeRuns([])).toBeNull();
  });
});

describe('atMedianRun', () => {
  it('picks the run whose key is the median', () => {
    const runs = [
      { mount: 3, rows: 30 },
      { mount: 1, rows: 10 },
      { mount: 2, rows: 20 },
    ];
    expect(atMedianRun(runs, (run) => run.mount)).toEqual({ mount: 2, rows: 20 });
    expect(atMedianRun([], () => 0)).toBeUndefined();
  });
});

describe('runsFor', () => {
  it('is odd, fewer when quick', () => {
    for (const quick of [true, false]) expect(runsFor(quick) % 2).toBe(1);
    expect(runsFor(true)).toBeLessThan(runsFor(false));
  });
});
