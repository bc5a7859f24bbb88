import { describe, expect, it } from 'vitest';
import { failedSeries, mergeResults } from './merge';
import type { WorkerResult } from './worker-messages';

function result(overrides: Partial<WorkerResult>): WorkerResult {
  return {
    sent: 0,
    acked: 0,
    delivered: 0,
    lost: 0,
    doubled: 0,
    errors: {},
    refusals: 0,
    latenciesMs: [],
    disconnects: 0,
    cpuMs: 0,
    wallMs: 1_000,
    ...overrides,
  };
}

describe('mergeResults', () => {
  it('sums counts and errors by code, pools latencies and sums CPU per worker', () => {
    const merged = mergeResults('causette', [
      result({
        sent: 3,
        acked: 2,
        delivered: 2,
        lost: 1,
        errors: { RATE_LIMITED: 1 },
        refusals: 4,
        latenciesMs: [1, 2],
        cpuMs: 250,
      }),
      result({
        sent: 2,
        acked: 2,
        delivered: 2,
        doubled: 1,
        disconnects: 3,
        errors: { RATE_LIMITED: 2, INTERNAL: 1 },
        refusals: 1,
        latenciesMs: [3, 4],
        cpuMs: 500,
        wallMs: 2_000,
      }),
    ]);
    expect(merged).toEqual({
      name: 'causette',
      p50: 2,
      p99: 4,
      p999: 4,
      max: 4,
      sent: 5,
      acked: 4,
      delivered: 4,
      lost: 1,
      doubled: 1,
      disconnects: 3,
      errors: { RATE_LIMITED: 3, INTERNAL: 1 },
      refusals: 5,
      generatorCpuPercent: 50,
    });
  });

  it('keeps a failed series in the report with empty figures', () => {
    expect(failedSeries('baseline', 'set-up: boom')).toMatchObject({
      name: 'baseline',
      p50: null,
      sent: 0,
      failure: 'set-up: boom',
    });
  });
});
