import { percentile } from '../../load/percentiles';
import type { TimingSummary } from './types';

const round = (value: number) => Math.round(value * 10) / 10;

/** Median (p50), p95, p99 and max of per-run timings in ms, rounded to 0.1 ms; null when none. */
export function summarizeRuns(runs: readonly number[]): TimingSummary | null {
  if (runs.length === 0) return null;
  const sorted = [...runs].sort((a, b) => a - b);
  const at = (q: number) => round(percentile(sorted, q) ?? Number.NaN);
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1), runs: runs.map(round) };
}

/** The value of the run whose mount time is the median one (for a figure that has no spread). */
export function atMedianRun<T>(runs: readonly T[], key: (run: T) => number): T | undefined {
  const sorted = [...runs].sort((a, b) => key(a) - key(b));
  return sorted[Math.ceil(sorted.length / 2) - 1];
}

/** Runs per series: odd, so the nearest-rank median is a run's own figure. */
export function runsFor(quick: boolean): number {
  return quick ? 3 : 7;
}
