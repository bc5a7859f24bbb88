// storm.json (every figure) and storm.md (the table), in the style of the latency report.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describeMachine } from '../report/machine';
import { markdownTable, textTable } from '../report/table';
import type { BackSummary, HealthSummary, StormReport, StormSeries } from './types';

export const JSON_FILE = 'storm.json';
export const MARKDOWN_FILE = 'storm.md';

export const STORM_HEADER = [
  'series',
  'clients',
  'outage s',
  '/healthz after listen s',
  'reconnected 95 % s',
  'back 50 % s',
  'back 95 % s',
  'back 99 % s',
  'all back s',
  'left behind',
  'server RSS MiB before → peak',
  'loop delay ms max / worst p99',
  '/healthz ms p50 / max (failed)',
  'expected',
  'lost',
  'doubled',
  'unsent',
  'client CPU %',
] as const;

function seconds(ms: number | null): string {
  return ms === null ? 'never' : (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);
}

function mib(value: number | null): string {
  return value === null ? '–' : value.toFixed(0);
}

function allBack(summary: BackSummary): string {
  return summary.max === null ? 'never' : seconds(summary.max);
}

function describeHealth(health: HealthSummary | null): string {
  if (!health) return '–';
  const figures = `${health.p50 ?? '–'} / ${health.max ?? '–'}`;
  return health.failed > 0 ? `${figures} (${health.failed} of ${health.requests})` : figures;
}

export function stormRow(series: StormSeries): string[] {
  if (series.failure) {
    return [series.name, String(series.clients), 'failed', ...STORM_HEADER.slice(3).map(() => '–')];
  }
  const delay = series.loopDelay;
  return [
    series.name,
    String(series.clients),
    seconds(series.outageMs),
    series.healthzAfterListenMs === null ? 'never' : seconds(series.healthzAfterListenMs),
    seconds(series.reconnected.p95),
    seconds(series.back.p50),
    seconds(series.back.p95),
    seconds(series.back.p99),
    allBack(series.back),
    String(series.back.leftBehind),
    `${mib(series.rssBeforeMiB)} → ${mib(series.peakRssMiB)}`,
    delay ? `${delay.maxMs.toFixed(0)} / ${delay.worstIntervalP99Ms.toFixed(0)}` : '–',
    describeHealth(series.health),
    String(series.expected),
    String(series.lost),
    String(series.doubled),
    String(series.unsent),
    String(series.clientCpuPercent),
  ];
}

function describeErrors(errors: Record<string, number>): string {
  const entries = Object.entries(errors).sort(([, a], [, b]) => b - a);
  return entries.length === 0 ? 'none' : entries.map(([key, n]) => `${key} ×${n}`).join('; ');
}

/** Why connection attempts failed, while the server was down and after it listened again. */
function attemptLines(report: StormReport): string[] {
  return report.series
    .filter((s) => !s.failure)
    .flatMap((s) => [
      `- ${s.name}, while down: ${describeErrors(s.attemptErrors.whileDown)}`,
      `- ${s.name}, after the restart: ${describeErrors(s.attemptErrors.afterRestart)}`,
    ]);
}

/** Who was still not back when the count was taken, and a few of their states. */
function stragglerLines(report: StormReport): string[] {
  const { boundMs, drainMs } = report.plan;
  return report.series
    .filter((s) => !s.failure && s.notReconnected + s.reconnectedMissing > 0)
    .flatMap((s) => [
      `- ${s.name}: ${s.back.leftBehind} not back within ${boundMs / 1000} s; ` +
        `${(boundMs + drainMs) / 1000} s after the restart, ${s.notReconnected} had not reconnected ` +
        `and ${s.reconnectedMissing} had reconnected but missed messages`,
      ...s.stragglers.map((line) => `  - ${line}`),
    ]);
}

function failures(report: StormReport): string[] {
  return report.series.filter((s) => s.failure).map((s) => `- ${s.name}: ${s.failure ?? ''}`);
}

export function stormMarkdown(report: StormReport): string {
  const failed = failures(report);
  const stragglers = stragglerLines(report);
  const { plan } = report;
  return [
    `Measured ${report.date} on ${describeMachine(report.machine)}; chat server on ${report.database}, ` +
      `${plan.clients} clients in ${plan.workers} workers, left behind after ${plan.boundMs / 1000} s.`,
    '',
    markdownTable(STORM_HEADER, report.series.map(stormRow)),
    '',
    'Times from the restarted server listening again (its port accepts TCP). Reconnect policies:',
    '',
    `- causette: ${report.reconnectPolicy.causette}`,
    `- baseline: ${report.reconnectPolicy.baseline}`,
    '',
    'Failed connection attempts:',
    '',
    ...attemptLines(report),
    ...(stragglers.length > 0 ? ['', 'Left behind:', '', ...stragglers] : []),
    ...(failed.length > 0 ? ['', 'Failed series:', '', ...failed] : []),
    '',
  ].join('\n');
}

/** The table as the terminal shows it. */
export function stormText(report: StormReport): string {
  return textTable(STORM_HEADER, report.series.map(stormRow), 1);
}

/** Writes storm.json and storm.md into `dir` (made when missing); returns their paths. */
export async function writeStormReport(dir: string, report: StormReport): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const json = path.join(dir, JSON_FILE);
  const markdown = path.join(dir, MARKDOWN_FILE);
  await writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(markdown, `# Reconnect storm\n\n${stormMarkdown(report)}`);
  return [json, markdown];
}
