import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HEADER, bystanderText, seriesRow, writeBystanderReport } from './report';
import { failedPhase } from './stats';
import type { BystanderReport, BystanderSeries } from './types';

const baseline: BystanderSeries = {
  ...failedPhase('none', ''),
  p50: 3.25,
  p95: 9,
  p99: 14.04,
  p999: 20,
  max: 123.4,
  sent: 500,
  acked: 500,
  delivered: 500,
  generatorCpuPercent: 10.4,
  serverCpuPercent: 30,
};
delete baseline.failure;

const flooded: BystanderSeries = {
  ...baseline,
  name: 'causette',
  flood: 'invalid',
  p99: 170,
  flooder: {
    kind: 'invalid',
    window: 256,
    sent: 10_460,
    answers: { INVALID: 10_000, RATE_LIMITED: 460 },
    unanswered: 0,
    byPayload: {},
    durationMs: 8_000,
    cpuMs: 2_000,
    disconnects: 0,
    answersPerSecond: 1308,
    cpuPercent: 25,
  },
};

function report(): BystanderReport {
  return {
    date: '2026-01-02T03:04:05.000Z',
    machine: { cpus: 2, cpuModel: 'Test CPU', totalMemGiB: 8, node: 'v20.0.0' },
    method: 'open loop',
    database: 'pglite-memory',
    load: { sockets: 100, rate: 100, durationS: 5 },
    rateLimit: 'server default',
    floodWindow: 256,
    series: [baseline, flooded, failedPhase('valid', 'flooder died')],
  };
}

describe('seriesRow', () => {
  it('has a cell per column; the flood columns stay empty without a flood', () => {
    const row = seriesRow(baseline);
    expect(row).toHaveLength(HEADER.length);
    expect(row.slice(0, 6)).toEqual(['baseline', 'none', '3.3', '9.0', '14.0', '123']);
    expect(row.slice(-4)).toEqual(['–', '–', '–', '–']);
  });

  it("shows the flooder's answers by code", () => {
    expect(seriesRow(flooded).slice(-4)).toEqual([
      '10460',
      '1308',
      '10460 (INVALID 10000, RATE_LIMITED 460)',
      '25',
    ]);
  });
});

describe('the report', () => {
  it('prints a table naming the load and a failed phase', () => {
    const text = bystanderText(report());
    expect(text).toContain('50 pairs chatting at 100 msg/s');
    expect(text).toContain('failed: causette, flood valid: flooder died');
  });

  it('writes bystander.json and bystander.md', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bystander-report-'));
    try {
      const files = await writeBystanderReport(dir, report());
      expect(files.map((file) => path.basename(file))).toEqual(['bystander.json', 'bystander.md']);
      expect(JSON.parse(await readFile(files[0]!, 'utf8'))).toEqual(report());
      expect(await readFile(files[1]!, 'utf8')).toContain('| causette | invalid |');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
