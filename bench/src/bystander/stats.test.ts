import { describe, expect, it } from 'vitest';
import type { WorkerResult } from '../load/worker-messages';
import type { FloodResult } from './messages';
import { bystanderSeries, failedPhase, summarizeFlood } from './stats';

function worker(latenciesMs: number[], overrides: Partial<WorkerResult> = {}): WorkerResult {
  return {
    sent: latenciesMs.length,
    acked: latenciesMs.length,
    delivered: latenciesMs.length,
    lost: 0,
    doubled: 0,
    errors: {},
    refusals: 0,
    latenciesMs,
    disconnects: 0,
    cpuMs: 500,
    wallMs: 5000,
    ...overrides,
  };
}

const flood: FloodResult = {
  kind: 'invalid',
  window: 256,
  sent: 1_000,
  answers: { INVALID: 900, RATE_LIMITED: 90 },
  unanswered: 10,
  byPayload: { null: { INVALID: 900 } },
  durationMs: 2_000,
  cpuMs: 500,
  disconnects: 0,
};

describe('bystanderSeries', () => {
  it('pools both workers: p50 to max over all latencies, counts summed', () => {
    const low = Array.from({ length: 50 }, (_, i) => i + 1);
    const high = Array.from({ length: 50 }, (_, i) => i + 51);
    const series = bystanderSeries(
      'none',
      [worker(low), worker(high, { errors: { RATE_LIMITED: 2 } })],
      40,
    );
    expect(series).toMatchObject({
      name: 'baseline',
      flood: 'none',
      p50: 50,
      p95: 95,
      p99: 99,
      max: 100,
      sent: 100,
      errors: { RATE_LIMITED: 2 },
      generatorCpuPercent: 20,
      serverCpuPercent: 40,
    });
    expect(series.flooder).toBeUndefined();
  });

  it('names a flooded phase causette and carries the flooder', () => {
    const series = bystanderSeries('invalid', [worker([5])], null, flood);
    expect(series.name).toBe('causette');
    expect(series.flooder).toMatchObject({ answersPerSecond: 495, cpuPercent: 25 });
  });
});

describe('summarizeFlood', () => {
  it('gives no rate for an empty flood', () => {
    expect(summarizeFlood({ ...flood, durationMs: 0 })).toMatchObject({
      answersPerSecond: 0,
      cpuPercent: 0,
    });
  });
});

describe('failedPhase', () => {
  it('has no latencies and says why', () => {
    expect(failedPhase('valid', 'boom')).toMatchObject({
      name: 'causette',
      p99: null,
      failure: 'boom',
    });
  });
});
