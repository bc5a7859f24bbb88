import { describe, expect, it } from 'vitest';
import { parseLoopDelay, summarizeLoopDelay } from './loop-delay';

const text = [
  '1000 12.5 11.0 10.2',
  'garbage',
  '1250 800.0 790.0 120.4',
  '1500 11.0 10.5 10.1',
  '',
].join('\n');

describe('parseLoopDelay', () => {
  it('reads the preload lines and skips the rest', () => {
    expect(parseLoopDelay(text)).toEqual([
      { atMs: 1000, maxMs: 12.5, p99Ms: 11, meanMs: 10.2 },
      { atMs: 1250, maxMs: 800, p99Ms: 790, meanMs: 120.4 },
      { atMs: 1500, maxMs: 11, p99Ms: 10.5, meanMs: 10.1 },
    ]);
  });
});

describe('summarizeLoopDelay', () => {
  it('keeps the intervals that ended in the window', () => {
    expect(summarizeLoopDelay(parseLoopDelay(text), 400, 1500)).toEqual({
      maxMs: 800,
      worstIntervalP99Ms: 790,
      meanMs: 46.9,
      intervals: 3,
    });
  });

  it('counts only the part of a stall after the window opened (a start-up block is not it)', () => {
    expect(summarizeLoopDelay(parseLoopDelay(text), 1100, 1500)).toEqual({
      maxMs: 150,
      worstIntervalP99Ms: 150,
      meanMs: 65.3,
      intervals: 2,
    });
  });

  it('is null for an empty window', () => {
    expect(summarizeLoopDelay(parseLoopDelay(text), 2000, 3000)).toBeNull();
  });
});
