// Latency figures of one series: nearest-rank percentiles, as the latency benchmark computes them.
import { percentile } from '../load/percentiles';

export interface LatencyStats {
  /** Requests timed (answered with ok: true). */
  count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  mean: number | null;
}

function round(value: number | undefined): number | null {
  return value === undefined ? null : Math.round(value * 1000) / 1000;
}

/** p50, p95, p99, max and mean of latencies in ms (any order); nulls when there are none. */
export function latencyStats(latencies: readonly number[]): LatencyStats {
  const sorted = Array.from(Float64Array.from(latencies).sort());
  const mean =
    sorted.length === 0 ? undefined : sorted.reduce((sum, v) => sum + v, 0) / sorted.length;
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 0.5)),
    p95: round(percentile(sorted, 0.95)),
    p99: round(percentile(sorted, 0.99)),
    max: round(sorted.at(-1)),
    mean: round(mean),
  };
}
