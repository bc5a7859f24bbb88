// The throughput benchmark's report: throughput.json (every step) and throughput.md (capacity,
// steps and where the chat server's time goes at its capacity).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describeMachine } from '../report/machine';
import { describeErrors, formatCpu, formatMs, markdownTable } from '../report/table';
import type { ProfileSummary } from './cpu-profile';
import type { ThroughputReport, TargetRamp } from './throughput-bench';

const targetName = (ramp: TargetRamp) =>
  ramp.name === 'baseline' ? 'relay (baseline)' : `causette, ${ramp.database ?? '?'}`;

export function capacityRows(report: ThroughputReport): string[][] {
  return report.ramps.map((ramp) => {
    const last = ramp.steps.at(-1);
    const stoppedBy = ramp.failure
      ? `did not run: ${ramp.failure}`
      : last && !last.passed
        ? `${last.rate} msg/s: ${last.miss ?? ''}`
        : 'every step passed';
    return [targetName(ramp), ramp.capacity === null ? 'none' : String(ramp.capacity), stoppedBy];
  });
}

export function stepRows(report: ThroughputReport): string[][] {
  return report.ramps.flatMap((ramp) =>
    ramp.steps.map((step) => [
      targetName(ramp),
      String(step.rate),
      formatMs(step.series.p50),
      formatMs(step.series.p99),
      formatMs(step.series.p999),
      String(step.series.lost),
      String(step.series.doubled),
      describeErrors(step.series.errors),
      String(step.series.disconnects),
      String(step.series.generatorCpuPercent),
      formatCpu(step.series.serverCpuPercent),
      step.passed ? 'yes' : `no (${step.miss ?? ''})`,
    ]),
  );
}

export function overloadRows(report: ThroughputReport): string[][] {
  return report.overloads.map((run) => [
    run.database,
    `${run.rate} msg/s, ${run.durationS} s`,
    String(run.series.sent),
    String(run.series.refusals),
    String(run.series.delivered),
    String(run.series.lost),
    String(run.series.doubled),
    describeErrors(run.series.errors),
    String(run.series.disconnects),
    formatMs(run.series.p50),
    formatMs(run.series.p99),
    formatMs(run.series.max),
    run.passed ? 'yes' : `no (${run.miss ?? ''})`,
  ]);
}

function overloadLines(report: ThroughputReport): string[] {
  if (report.overloads.length === 0) return [];
  return [
    '## Past capacity: twice the capacity, refused sends retried',
    '',
    markdownTable(
      [
        'database',
        'offered',
        'sent',
        'refusals retried',
        'delivered once',
        'lost',
        'doubled',
        'refused for good',
        'disconnects',
        'p50 ms',
        'p99 ms',
        'max ms',
        'passed',
      ],
      overloadRows(report),
    ),
    '',
  ];
}

function profileLines(database: string, rate: number, summary: ProfileSummary): string[] {
  const pct = (value: number) => `${value.toFixed(1)} %`;
  return [
    `### Chat server on ${database} at ${rate} msg/s`,
    '',
    `${(summary.totalMs / 1000).toFixed(1)} s profiled, ${pct(summary.idlePercent)} idle.`,
    '',
    markdownTable(
      ['package', 'self time'],
      summary.packages.slice(0, 10).map((p) => [p.name, pct(p.percent)]),
    ),
    '',
    markdownTable(
      ['function', 'self time'],
      summary.functions.slice(0, 15).map((f) => [f.name, pct(f.percent)]),
    ),
    '',
  ];
}

export function throughputMarkdown(report: ThroughputReport): string {
  const { sockets, durationS } = report.shape;
  return [
    `Measured ${report.date} on ${describeMachine(report.machine)}; ${sockets} sockets, ${durationS} s a step, bar: p99 < ${report.p99LimitMs} ms with nothing lost, doubled, refused or dropped.`,
    '',
    markdownTable(['target', 'capacity msg/s', 'stopped by'], capacityRows(report)),
    '',
    markdownTable(
      [
        'target',
        'msg/s',
        'p50 ms',
        'p99 ms',
        'p99.9 ms',
        'lost',
        'doubled',
        'errors',
        'disconnects',
        'gen CPU %',
        'server CPU %',
        'met the bar',
      ],
      stepRows(report),
    ),
    '',
    ...overloadLines(report),
    ...report.profiles.flatMap((p) => profileLines(p.database, p.rate, p.summary)),
  ].join('\n');
}

export async function writeThroughputReport(
  dir: string,
  report: ThroughputReport,
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const json = path.join(dir, 'throughput.json');
  const markdown = path.join(dir, 'throughput.md');
  await writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(markdown, `# Throughput benchmark\n\n${throughputMarkdown(report)}`);
  return [json, markdown];
}
