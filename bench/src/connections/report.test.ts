import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HEADER, connectionsMarkdown, seriesRow, writeConnectionsReport } from './report';
import type { ConnectionsReport, ConnectionsSeries } from './types';

const MiB = 2 ** 20;

function series(overrides: Partial<ConnectionsSeries> = {}): ConnectionsSeries {
  return {
    name: 'baseline',
    target: 'relay',
    sockets: 1000,
    connected: 1000,
    failed: 0,
    totalMs: 2500,
    perSecond: 400,
    p50: 12.345,
    p95: 80,
    p99: 150.4,
    max: 210,
    connectErrors: {},
    clientCpuPercent: 50,
    idle: {
      heapUsed: 8 * MiB,
      rss: 60 * MiB,
      heapTotal: 0,
      external: 0,
      arrayBuffers: 0,
      gcExposed: true,
    },
    loaded: {
      heapUsed: 20 * MiB,
      rss: 80 * MiB,
      heapTotal: 0,
      external: 0,
      arrayBuffers: 0,
      gcExposed: true,
    },
    heapPerSocketKiB: 12.29,
    rssPerSocketKiB: 20.48,
    disconnects: 0,
    ...overrides,
  };
}

function report(): ConnectionsReport {
  return {
    date: '2026-01-02T03:04:05.000Z',
    machine: { cpus: 2, cpuModel: 'Test CPU', totalMemGiB: 8, node: 'v20.0.0' },
    method: 'probe',
    database: 'pglite-memory',
    sockets: 1000,
    workers: 4,
    concurrency: 50,
    goalHeapPerSocketKiB: 16,
    series: [
      series(),
      series({
        name: 'causette',
        target: 'chat server',
        connected: 998,
        failed: 2,
        connectErrors: { OVERLOADED: 3 },
        failure: 'worker died',
      }),
    ],
  };
}

describe('seriesRow', () => {
  it('has a cell per column: heap in MiB, per socket in KiB, accept time in s', () => {
    const row = seriesRow(series());
    expect(row).toHaveLength(HEADER.length);
    expect(row).toEqual([
      'baseline',
      'relay',
      '1000',
      '8.0',
      '20.0',
      '12.3',
      '20.5',
      '2.50',
      '400',
      '12.3',
      '80.0',
      '150',
      '210',
      '0',
      '0',
    ]);
  });

  it('shows sockets that did not connect and a failed series', () => {
    const row = seriesRow(report().series[1]!);
    expect(row[0]).toBe('causette (failed)');
    expect(row[2]).toBe('998/1000');
    expect(row[13]).toBe('3 (OVERLOADED 3)');
  });
});

describe('the report files', () => {
  it('writes the JSON and a markdown table naming the machine and a failure', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'connections-report-'));
    try {
      const files = await writeConnectionsReport(path.join(dir, 'out'), report());
      expect(files.map((file) => path.basename(file))).toEqual([
        'connections.json',
        'connections.md',
      ]);
      expect(JSON.parse(await readFile(files[0]!, 'utf8'))).toEqual(report());
      const markdown = await readFile(files[1]!, 'utf8');
      expect(markdown).toContain('2 × Test CPU');
      expect(markdown).toContain('| baseline | relay | 1000 |');
      expect(markdown).toContain('- causette (chat server): worker died');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect(connectionsMarkdown(report())).toContain('goal under 16 KiB');
  });
});
