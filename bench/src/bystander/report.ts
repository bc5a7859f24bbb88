// The bystander benchmark's table (terminal and markdown) and its report files.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describeMachine } from '../report/machine';
import { describeErrors, formatCpu, markdownTable, textTable } from '../report/table';
import type { BystanderReport, BystanderSeries } from './types';

export const HEADER = [
  'series',
  'flood',
  'p50 ms',
  'p95 ms',
  'p99 ms',
  'max ms',
  'sent',
  'delivered',
  'lost',
  'errors',
  'server CPU %',
  'gen CPU %',
  'flood sent',
  'flood answers/s',
  'flood answers',
  'flooder CPU %',
] as const;

const dash = '–';

function ms(value: number | null): string {
  if (value === null) return dash;
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}

export function seriesRow(series: BystanderSeries): string[] {
  const latencies = series.failure
    ? ['failed', dash, dash, dash]
    : [ms(series.p50), ms(series.p95), ms(series.p99), ms(series.max)];
  const flooder = series.flooder;
  return [
    series.name,
    series.flood,
    ...latencies,
    String(series.sent),
    String(series.delivered),
    String(series.lost),
    describeErrors(series.errors),
    formatCpu(series.serverCpuPercent),
    series.generatorCpuPercent.toFixed(0),
    flooder ? String(flooder.sent) : dash,
    flooder ? String(flooder.answersPerSecond) : dash,
    flooder ? describeErrors(flooder.answers) : dash,
    flooder ? flooder.cpuPercent.toFixed(0) : dash,
  ];
}

function failureLines(report: BystanderReport): string[] {
  return report.series
    .filter((series) => series.failure)
    .map((series) => `${series.name}, flood ${series.flood}: ${series.failure ?? ''}`);
}

function title(report: BystanderReport): string {
  const { load } = report;
  return (
    `Bystanders: ${load.sockets / 2} pairs chatting at ${load.rate} msg/s in all, ` +
    `${load.durationS} s per phase, chat server on ${report.database}, rate limit ` +
    `${report.rateLimit}; the flooder keeps ${report.floodWindow} sends unanswered.`
  );
}

/** The table as the terminal shows it, with why any phase failed. */
export function bystanderText(report: BystanderReport): string {
  const rows = report.series.map(seriesRow);
  const failures = failureLines(report).map((line) => `  failed: ${line}`);
  return [title(report), '', textTable(HEADER, rows, 2), ...failures].join('\n');
}

export function bystanderMarkdown(report: BystanderReport): string {
  const failures = failureLines(report);
  return [
    `Measured ${report.date} on ${describeMachine(report.machine)}.`,
    '',
    title(report),
    '',
    markdownTable(HEADER, report.series.map(seriesRow)),
    ...(failures.length > 0 ? ['', 'Failed phases:', '', ...failures.map((f) => `- ${f}`)] : []),
    '',
  ].join('\n');
}

/** Writes bystander.json and bystander.md into `dir` (made when missing). */
export async function writeBystanderReport(
  dir: string,
  report: BystanderReport,
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const json = path.join(dir, 'bystander.json');
  const markdown = path.join(dir, 'bystander.md');
  await writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(markdown, `# Bystander benchmark\n\n${bystanderMarkdown(report)}`);
  return [json, markdown];
}
