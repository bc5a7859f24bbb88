// From the processes' raw results to a phase's figures.
import { failedSeries, mergeResults } from '../load/merge';
import { percentile } from '../load/percentiles';
import type { WorkerResult } from '../load/worker-messages';
import type { FloodResult } from './messages';
import type { BystanderSeries, FloodSetting, FlooderSummary } from './types';

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export function summarizeFlood(result: FloodResult): FlooderSummary {
  const answered = Object.values(result.answers).reduce((sum, count) => sum + count, 0);
  const seconds = result.durationMs / 1000;
  return {
    ...result,
    answersPerSecond: seconds > 0 ? round(answered / seconds, 0) : 0,
    cpuPercent: result.durationMs > 0 ? round((result.cpuMs / result.durationMs) * 100, 1) : 0,
  };
}

/** The bystanders' series of one phase: counts summed, latencies pooled over the workers. */
export function bystanderSeries(
  flood: FloodSetting,
  results: readonly WorkerResult[],
  serverCpuPercent: number | null,
  flooder?: FloodResult,
): BystanderSeries {
  const merged = mergeResults(flood === 'none' ? 'baseline' : 'causette', results);
  const sorted = Array.from(Float64Array.from(results.flatMap((r) => r.latenciesMs)).sort());
  const p95 = percentile(sorted, 0.95);
  return {
    name: merged.name,
    flood,
    p50: merged.p50,
    p95: p95 === undefined ? null : round(p95, 3),
    p99: merged.p99,
    p999: merged.p999,
    max: merged.max,
    sent: merged.sent,
    acked: merged.acked,
    delivered: merged.delivered,
    lost: merged.lost,
    doubled: merged.doubled,
    disconnects: merged.disconnects,
    errors: merged.errors,
    refusals: merged.refusals,
    generatorCpuPercent: merged.generatorCpuPercent,
    serverCpuPercent,
    ...(flooder ? { flooder: summarizeFlood(flooder) } : {}),
  };
}

/** A phase that could not be measured, with why. */
export function failedPhase(flood: FloodSetting, failure: string): BystanderSeries {
  return {
    ...failedSeries(flood === 'none' ? 'baseline' : 'causette', failure),
    flood,
    p95: null,
    serverCpuPercent: null,
  };
}
