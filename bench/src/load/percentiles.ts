import type { LatencySummary } from './types';

/** Nearest-rank percentile of an ascending array: the smallest value with at least q of the data at or below it. */
export function percentile(sorted: readonly number[], q: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** Microsecond precision is plenty for figures read in milliseconds. */
function round(value: number | undefined): number | null {
  return value === undefined ? null : Math.round(value * 1000) / 1000;
}

/** p50, p99, p99.9 and max of latencies in ms (any order). */
export function summarizeLatencies(latencies: readonly number[]): LatencySummary {
  const sorted = Float64Array.from(latencies).sort();
  const values = Array.from(sorted);
  return {
    p50: round(percentile(values, 0.5)),
    p99: round(percentile(values, 0.99)),
    p999: round(percentile(values, 0.999)),
    max: round(values.at(-1)),
  };
}
