// The benchmark's report: at-size.json (every figure and plan), at-size.md (the tables) and
// at-size-plans.txt (the query plans as PostgreSQL printed them).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describeMachine } from '../report/machine';
import { markdownTable } from '../report/table';
import type { LatencyStats } from './stats';
import type { AtSizeReport } from './types';
import { plansText } from './plans';

export const JSON_FILE = 'at-size.json';
export const MARKDOWN_FILE = 'at-size.md';
export const PLANS_FILE = 'at-size-plans.txt';

export const SCENARIO_HEADER = [
  'scenario',
  'series',
  'p50 ms',
  'p95 ms',
  'p99 ms',
  'max ms',
  'requests',
  'errors',
] as const;

export const CLASS_HEADER = [
  'search queries',
  'causette p50',
  'causette p95',
  'baseline p50',
  'baseline p95',
  'matches (share of the user’s messages)',
] as const;

function ms(value: number | null): string {
  if (value === null) return '–';
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}

function describeErrors(errors: Record<string, number>): string {
  const entries = Object.entries(errors).sort(([, a], [, b]) => b - a);
  if (entries.length === 0) return '0';
  return entries.map(([code, count]) => `${code} ${count}`).join(', ');
}

function figures(stats: LatencyStats): string[] {
  return [ms(stats.p50), ms(stats.p95), ms(stats.p99), ms(stats.max)];
}

export function scenarioRows(report: AtSizeReport): string[][] {
  return report.scenarios.flatMap((scenario) =>
    scenario.series.map((series) => [
      scenario.name,
      series.name,
      ...figures(series),
      scenario.skipped > 0
        ? `${series.count} (${scenario.skipped} left out)`
        : String(series.count),
      series.name === 'causette' ? describeErrors(scenario.errors) : '',
    ]),
  );
}

/** Per query class: latencies and how many of the user's messages such a query matches. */
export function classRows(report: AtSizeReport): string[][] {
  const search = report.scenarios.find((s) => s.name === 'search');
  return (search?.groups ?? []).map((group) => {
    const matches = report.searchMatches.filter((m) => m.group === group.group);
    const span = matches.length
      ? `${Math.min(...matches.map((m) => m.matches))}–${Math.max(...matches.map((m) => m.matches))} (${percent(Math.min(...matches.map((m) => m.share)))}–${percent(Math.max(...matches.map((m) => m.share)))})`
      : '–';
    return [
      group.group,
      ms(group.causette.p50),
      ms(group.causette.p95),
      ms(group.baseline.p50),
      ms(group.baseline.p95),
      span,
    ];
  });
}

function percent(share: number): string {
  return share >= 0.1 ? `${(share * 100).toFixed(0)} %` : `${(share * 100).toFixed(2)} %`;
}

function seconds(value: number): string {
  return `${(value / 1000).toFixed(1)} s`;
}

/** The sentences above the tables: data set, fill, goal. */
export function summaryLines(report: AtSizeReport): string[] {
  const lines = [`Measured ${report.date} on ${describeMachine(report.machine)}.`];
  if (report.skipped) return [...lines, '', `Skipped: ${report.skipped}`];
  const { dataset, fill, goal } = report;
  if (dataset) {
    lines.push(
      '',
      `Data: ${dataset.messages.toLocaleString('en-US')} messages over ${dataset.conversations.toLocaleString('en-US')} conversations and ${dataset.users.toLocaleString('en-US')} users on PostgreSQL; each measured user (${dataset.measuredUsers}) is in ${dataset.measuredConversations} conversations (user 0: ${dataset.messagesOfMeasuredUser.toLocaleString('en-US')} messages; the longest conversation ${dataset.longestConversation.toLocaleString('en-US')}).`,
    );
  }
  if (fill) {
    const t = fill.timings;
    lines.push(
      '',
      `Fill: ${seconds(t.totalMs)} (conversations ${seconds(t.conversationsMs)}, messages ${seconds(t.messagesMs)}, indexes ${seconds(t.indexesMs)}, VACUUM ANALYZE ${seconds(t.vacuumAnalyzeMs)}), after ${seconds(fill.schemaMs)} to start the server and migrate. Messages table with its indexes ${fill.sizesMiB.messages} MiB, search index ${fill.sizesMiB.searchIndex} MiB.`,
    );
  }
  if (goal.searchP95 !== null) {
    lines.push(
      '',
      `Goal: search p95 under ${goal.searchP95Ms} ms: **${goal.pass ? 'pass' : 'fail'}** (${ms(goal.searchP95)} ms).`,
    );
  }
  if (report.failure) lines.push('', `Failed: ${report.failure}`);
  return lines;
}

export function atSizeMarkdown(report: AtSizeReport): string {
  const parts = summaryLines(report);
  if (report.scenarios.length > 0) {
    parts.push('', markdownTable(SCENARIO_HEADER, scenarioRows(report)));
  }
  const classes = classRows(report);
  if (classes.length > 0) parts.push('', markdownTable(CLASS_HEADER, classes));
  if (report.plans.length > 0) {
    parts.push('', `Query plans: \`${PLANS_FILE}\` (and \`plans\` in \`${JSON_FILE}\`).`);
  }
  return `${parts.join('\n')}\n`;
}

/** Writes at-size.json, at-size.md and, when there are plans, at-size-plans.txt into `dir`. */
export async function writeAtSizeReport(dir: string, report: AtSizeReport): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const json = path.join(dir, JSON_FILE);
  const markdown = path.join(dir, MARKDOWN_FILE);
  await writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(markdown, `# Search and history at size\n\n${atSizeMarkdown(report)}`);
  const files = [json, markdown];
  if (report.plans.length > 0) {
    const plans = path.join(dir, PLANS_FILE);
    await writeFile(
      plans,
      plansText(report.plans, `Query plans of the at-size benchmark, ${report.date}.`),
    );
    files.push(plans);
  }
  return files;
}
