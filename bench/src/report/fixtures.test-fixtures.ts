import type { LatencyReport, SeriesResult } from '../load/types';

export function series(overrides: Partial<SeriesResult> = {}): SeriesResult {
  return {
    name: 'baseline',
    p50: 1.25,
    p99: 9.5,
    p999: 20,
    max: 123.4,
    sent: 1000,
    acked: 1000,
    delivered: 1000,
    lost: 0,
    doubled: 0,
    disconnects: 0,
    errors: {},
    refusals: 0,
    generatorCpuPercent: 17.6,
    ...overrides,
  };
}

export function report(overrides: Partial<LatencyReport> = {}): LatencyReport {
  return {
    date: '2026-01-02T03:04:05.000Z',
    machine: { cpus: 2, cpuModel: 'Test CPU', totalMemGiB: 8, node: 'v20.0.0' },
    method: 'open loop',
    runs: [
      {
        load: { sockets: 200, rate: 200, durationS: 5 },
        database: 'pglite-memory',
        series: [
          series(),
          series({
            name: 'causette',
            p50: 2600,
            lost: 3,
            delivered: 997,
            errors: { RATE_LIMITED: 2, INTERNAL: 5 },
          }),
        ],
      },
    ],
    ...overrides,
  };
}
