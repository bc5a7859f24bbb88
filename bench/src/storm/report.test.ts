import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { failedSeries } from './series';
import { QUICK_PLAN } from './plan';
import { stormMarkdown, stormRow, writeStormReport } from './report';
import type { StormReport, StormSeries } from './types';

const causette: StormSeries = {
  name: 'causette',
  clients: 200,
  outageMs: 4_200,
  restartMs: 3_100,
  healthzAfterListenMs: 1_500,
  reconnected: { p50: 900, p95: 4_000, p99: 6_000, max: 7_000, leftBehind: 0 },
  back: { p50: 1_200, p95: 5_500, p99: 12_500, max: null, leftBehind: 1 },
  rssBeforeMiB: 512.4,
  peakRssMiB: 600.2,
  loopDelay: { maxMs: 250.4, worstIntervalP99Ms: 240.1, meanMs: 30, intervals: 20 },
  health: { requests: 10, failed: 1, p50: 2, max: 30_000 },
  expected: 600,
  lost: 0,
  doubled: 0,
  unsent: 0,
  notReconnected: 0,
  reconnectedMissing: 1,
  stragglers: ['u-1 connected (attempt 0); missing 2, unsent 0'],
  attemptErrors: { whileDown: { 'UNAVAILABLE: websocket error': 3 }, afterRestart: {} },
  queuedOffline: 100,
  clientCpuPercent: 12,
};

const report: StormReport = {
  date: '2026-12-06T05:00:00.000Z',
  machine: { cpus: 2, cpuModel: 'AMD EPYC', totalMemGiB: 23.5, node: 'v20.20.2' },
  method: 'test',
  database: 'pglite-disk',
  plan: QUICK_PLAN,
  reconnectPolicy: { causette: 'core policy', baseline: 'socket.io policy' },
  series: [failedSeries('baseline', 200, 'relay would not start'), causette],
};

describe('stormRow', () => {
  it('shows seconds, never for a share not reached, and the memory and loop figures', () => {
    expect(stormRow(causette)).toEqual([
      'causette',
      '200',
      '4.20',
      '1.50',
      '4.00',
      '1.20',
      '5.50',
      '12.5',
      'never',
      '1',
      '512 → 600',
      '250 / 240',
      '2 / 30000 (1 of 10)',
      '600',
      '0',
      '0',
      '0',
      '12',
    ]);
  });

  it('marks a failed series', () => {
    expect(stormRow(failedSeries('baseline', 10, 'x')).slice(0, 4)).toEqual([
      'baseline',
      '10',
      'failed',
      '–',
    ]);
  });
});

describe('stormMarkdown', () => {
  it('has the table, the policies, the stragglers and the failures', () => {
    const markdown = stormMarkdown(report);
    expect(markdown).toContain('| causette | 200 | 4.20 |');
    expect(markdown).toContain('- causette: core policy');
    expect(markdown).toContain('1 had reconnected but missed messages');
    expect(markdown).toContain('- baseline: relay would not start');
    expect(markdown).toContain('- causette, while down: UNAVAILABLE: websocket error ×3');
    expect(markdown).toContain('- causette, after the restart: none');
  });
});

describe('writeStormReport', () => {
  it('writes storm.json and storm.md', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'storm-report-'));
    try {
      const files = await writeStormReport(dir, report);
      expect(files.map((f) => path.basename(f))).toEqual(['storm.json', 'storm.md']);
      const json = JSON.parse(await readFile(files[0] as string, 'utf8')) as StormReport;
      expect(json.series.map((s) => s.name)).toEqual(['baseline', 'causette']);
      expect(json.series[1]?.back.p95).toBe(5_500);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
