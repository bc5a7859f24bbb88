import { describe, expect, it } from 'vitest';
import type { MemorySample } from './memory-probe';
import type { AcceptResult } from './messages';
import { perSocketKiB, summarizeAccept } from './stats';

function memory(heapUsed: number, rss: number): MemorySample {
  return { heapUsed, rss, heapTotal: 0, external: 0, arrayBuffers: 0, gcExposed: true };
}

function accept(overrides: Partial<AcceptResult>): AcceptResult {
  return {
    connected: 0,
    failed: 0,
    latenciesMs: [],
    connectErrors: {},
    lastConnectedEpochMs: 0,
    cpuMs: 0,
    ...overrides,
  };
}

describe('perSocketKiB', () => {
  it('divides the growth between the readings by the sockets, in KiB', () => {
    const idle = memory(10 * 2 ** 20, 50 * 2 ** 20);
    const loaded = memory(10 * 2 ** 20 + 1000 * 16 * 1024, 50 * 2 ** 20 + 1000 * 20 * 1024);
    expect(perSocketKiB(idle, loaded, 'heapUsed', 1000)).toBe(16);
    expect(perSocketKiB(idle, loaded, 'rss', 1000)).toBe(20);
  });

  it('is null without both readings or without sockets', () => {
    expect(perSocketKiB(null, memory(1, 1), 'heapUsed', 10)).toBeNull();
    expect(perSocketKiB(memory(1, 1), memory(2, 2), 'heapUsed', 0)).toBeNull();
  });
});

describe('summarizeAccept', () => {
  it('pools the workers: counts, errors, percentiles, time to the last socket in', () => {
    const summary = summarizeAccept({
      startedEpochMs: 1_000,
      results: [
        accept({
          connected: 2,
          latenciesMs: [1, 3],
          connectErrors: { OVERLOADED: 1 },
          lastConnectedEpochMs: 1_400,
          cpuMs: 100,
        }),
        accept({
          connected: 2,
          failed: 1,
          latenciesMs: [2, 4],
          connectErrors: { OVERLOADED: 2, timeout: 1 },
          lastConnectedEpochMs: 2_000,
          cpuMs: 300,
        }),
      ],
    });
    expect(summary).toEqual({
      connected: 4,
      failed: 1,
      totalMs: 1_000,
      perSecond: 4,
      p50: 2,
      p95: 4,
      p99: 4,
      max: 4,
      connectErrors: { OVERLOADED: 3, timeout: 1 },
      clientCpuPercent: 40,
    });
  });

  it('has no times when nothing connected', () => {
    const summary = summarizeAccept({
      startedEpochMs: 1_000,
      results: [accept({ failed: 3, lastConnectedEpochMs: 1_000 })],
    });
    expect(summary.totalMs).toBeNull();
    expect(summary.p50).toBeNull();
    expect(summary.perSecond).toBeNull();
  });
});
