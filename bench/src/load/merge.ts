import { summarizeLatencies } from './percentiles';
import type { SeriesName, SeriesResult } from './types';
import type { WorkerResult } from './worker-messages';

/** One series from its workers' results: counts summed, latencies pooled, CPU summed over workers. */
export function mergeResults(name: SeriesName, results: readonly WorkerResult[]): SeriesResult {
  const errors: Record<string, number> = {};
  for (const result of results) {
    for (const [code, count] of Object.entries(result.errors)) {
      errors[code] = (errors[code] ?? 0) + count;
    }
  }
  const sum = (pick: (result: WorkerResult) => number) =>
    results.reduce((total, result) => total + pick(result), 0);
  // Each worker's share of one core over its own measured phase; the sum reads as "cores used".
  const cpuPercent = sum((r) => (r.wallMs > 0 ? (r.cpuMs / r.wallMs) * 100 : 0));
  return {
    name,
    ...summarizeLatencies(results.flatMap((result) => result.latenciesMs)),
    sent: sum((r) => r.sent),
    acked: sum((r) => r.acked),
    delivered: sum((r) => r.delivered),
    lost: sum((r) => r.lost),
    doubled: sum((r) => r.doubled),
    disconnects: sum((r) => r.disconnects),
    errors,
    refusals: sum((r) => r.refusals),
    generatorCpuPercent: Math.round(cpuPercent * 10) / 10,
  };
}

/** A series that could not be measured, with why. */
export function failedSeries(name: SeriesName, failure: string): SeriesResult {
  return {
    name,
    p50: null,
    p99: null,
    p999: null,
    max: null,
    sent: 0,
    acked: 0,
    delivered: 0,
    lost: 0,
    doubled: 0,
    disconnects: 0,
    errors: {},
    refusals: 0,
    generatorCpuPercent: 0,
    failure,
  };
}
