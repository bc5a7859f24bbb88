// From raw readings to the figures of the report.
import { percentile } from '../load/percentiles';
import type { Accepted } from './clients';
import type { MemorySample } from './memory-probe';
import type { AcceptSummary } from './types';

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** Growth of one memory figure per socket between two readings, KiB; null without data. */
export function perSocketKiB(
  before: MemorySample | null,
  after: MemorySample | null,
  field: 'heapUsed' | 'rss',
  sockets: number,
): number | null {
  if (!before || !after || sockets <= 0) return null;
  return round((after[field] - before[field]) / sockets / 1024, 2);
}

/** The clients' view of the connect phase, pooled over the workers. */
export function summarizeAccept({ results, startedEpochMs }: Accepted): AcceptSummary {
  const latencies = Array.from(
    Float64Array.from(results.flatMap((result) => result.latenciesMs)).sort(),
  );
  const connected = results.reduce((sum, result) => sum + result.connected, 0);
  const failed = results.reduce((sum, result) => sum + result.failed, 0);
  const connectErrors: Record<string, number> = {};
  for (const result of results) {
    for (const [code, count] of Object.entries(result.connectErrors)) {
      connectErrors[code] = (connectErrors[code] ?? 0) + count;
    }
  }
  const lastIn = Math.max(...results.map((result) => result.lastConnectedEpochMs));
  const totalMs = connected > 0 ? Math.max(0, lastIn - startedEpochMs) : null;
  const ms = (value: number | undefined) => (value === undefined ? null : round(value, 3));
  const cpuMs = results.reduce((sum, result) => sum + result.cpuMs, 0);
  return {
    connected,
    failed,
    totalMs,
    perSecond: totalMs ? round((connected * 1000) / totalMs, 0) : null,
    p50: ms(percentile(latencies, 0.5)),
    p95: ms(percentile(latencies, 0.95)),
    p99: ms(percentile(latencies, 0.99)),
    max: ms(latencies.at(-1)),
    connectErrors,
    clientCpuPercent: totalMs ? round((cpuMs / totalMs) * 100, 1) : 0,
  };
}
