// The connections benchmark's table (terminal and markdown) and its report files.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describeMachine } from '../report/machine';
import { describeErrors, markdownTable, textTable } from '../report/table';
import type { MemorySample } from './memory-probe';
import type { ConnectionsReport, ConnectionsSeries } from './types';

export const HEADER = [
  'series',
  'target',
  'sockets',
  'heap idle MiB',
  'heap loaded MiB',
  'heap/socket KiB',
  'RSS/socket KiB',
  'accept s',
  'sockets/s',
  'connect p50 ms',
  'p95 ms',
  'p99 ms',
  'max ms',
  'connect errors',
  'dropped',
] as const;

const dash = '–';

function mib(sample: MemorySample | null): string {
  return sample ? (sample.heapUsed / 2 ** 20).toFixed(1) : dash;
}

function fixed(value: number | null, digits: number): string {
  return value === null ? dash : value.toFixed(digits);
}

function ms(value: number | null): string {
  if (value === null) return dash;
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}

export function seriesRow(series: ConnectionsSeries): string[] {
  const sockets =
    series.connected === series.sockets
      ? String(series.sockets)
      : `${series.connected}/${series.sockets}`;
  return [
    series.failure ? `${series.name} (failed)` : series.name,
    series.target,
    sockets,
    mib(series.idle),
    mib(series.loaded),
    fixed(series.heapPerSocketKiB, 1),
    fixed(series.rssPerSocketKiB, 1),
    series.totalMs === null ? dash : (series.totalMs / 1000).toFixed(2),
    fixed(series.perSecond, 0),
    ms(series.p50),
    ms(series.p95),
    ms(series.p99),
    ms(series.max),
    describeErrors(series.connectErrors),
    String(series.disconnects),
  ];
}

function failureLines(report: ConnectionsReport): string[] {
  return report.series
    .filter((series) => series.failure)
    .map((series) => `${series.name} (${series.target}): ${series.failure ?? ''}`);
}

function title(report: ConnectionsReport): string {
  return (
    `Idle authenticated sockets: ${report.sockets} per target, ${report.workers} client ` +
    `processes × ${report.concurrency} handshakes in flight; chat server on ${report.database}; ` +
    `goal under ${report.goalHeapPerSocketKiB} KiB of heap per socket.`
  );
}

/** The table as the terminal shows it, with why any series failed. */
export function connectionsText(report: ConnectionsReport): string {
  const failures = failureLines(report).map((line) => `  failed: ${line}`);
  return [title(report), '', textTable(HEADER, report.series.map(seriesRow), 2), ...failures].join(
    '\n',
  );
}

export function connectionsMarkdown(report: ConnectionsReport): string {
  const failures = failureLines(report);
  return [
    `Measured ${report.date} on ${describeMachine(report.machine)}.`,
    '',
    title(report),
    '',
    markdownTable(HEADER, report.series.map(seriesRow)),
    ...(failures.length > 0 ? ['', 'Failed series:', '', ...failures.map((f) => `- ${f}`)] : []),
    '',
  ].join('\n');
}

/** Writes connections.json and connections.md into `dir` (made when missing). */
export async function writeConnectionsReport(
  dir: string,
  report: ConnectionsReport,
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const json = path.join(dir, 'connections.json');
  const markdown = path.join(dir, 'connections.md');
  await writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(markdown, `# Connections benchmark\n\n${connectionsMarkdown(report)}`);
  return [json, markdown];
}
