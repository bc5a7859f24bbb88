import { describe, expect, it } from 'vitest';
import { percentile, summarizeLatencies } from './percentiles';

describe('percentile', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('uses the nearest rank', () => {
    expect(percentile(hundred, 0.5)).toBe(50);
    expect(percentile(hundred, 0.99)).toBe(99);
    expect(percentile(hundred, 0.999)).toBe(100);
    expect(percentile(hundred, 1)).toBe(100);
    expect(percentile(hundred, 0)).toBe(1);
  });

  it('answers the only value of a single sample and nothing for none', () => {
    expect(percentile([7], 0.5)).toBe(7);
    expect(percentile([], 0.5)).toBeUndefined();
  });
});

describe('summarizeLatencies', () => {
  it('sorts numerically (not as strings) and rounds to microseconds', () => {
    expect(summarizeLatencies([10, 9, 100, 2.12345678])).toEqual({
      p50: 9,
      p99: 100,
      p999: 100,
      max: 100,
    });
    expect(summarizeLatencies([2.12345678]).p50).toBe(2.123);
  });

  it('gives nulls when nothing was delivered', () => {
    expect(summarizeLatencies([])).toEqual({ p50: null, p99: null, p999: null, max: null });
  });
});
