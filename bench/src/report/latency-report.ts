// The latency benchmark's report files: latency.json (every figure), latency.md (the table), and
// the "Latest results" section of bench/README.md, which a full run keeps up to date.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { LatencyReport } from '../load/types';
import { describeMachine } from './machine';
import { HEADER, failureLines, markdownTable, runRows } from './table';

export const JSON_FILE = 'latency.json';
export const MARKDOWN_FILE = 'latency.md';

/** The README's generated section lies between these two lines. */
export const LATEST_START = '<!-- latest-results:start -->';
export const LATEST_END = '<!-- latest-results:end -->';

/** The markdown table with its date and machine, and why any series failed. */
export function latencyMarkdown(report: LatencyReport): string {
  const failures = failureLines(report.runs);
  return [
    `Measured ${report.date} on ${describeMachine(report.machine)}.`,
    '',
    markdownTable(HEADER, runRows(report.runs)),
    ...(failures.length > 0 ? ['', 'Failed series:', '', ...failures.map((f) => `- ${f}`)] : []),
    '',
  ].join('\n');
}

/** `readme` with the text between the markers replaced by `body`; throws when a marker is missing. */
export function replaceLatestResults(readme: string, body: string): string {
  const start = readme.indexOf(LATEST_START);
  const end = readme.indexOf(LATEST_END);
  if (start < 0 || end < start) {
    throw new Error(`The README lacks the ${LATEST_START} … ${LATEST_END} markers`);
  }
  return `${readme.slice(0, start + LATEST_START.length)}\n\n${body.trim()}\n\n${readme.slice(end)}`;
}

/** Writes latency.json and latency.md into `dir` (made when missing); returns their paths. */
export async function writeLatencyReport(dir: string, report: LatencyReport): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const json = path.join(dir, JSON_FILE);
  const markdown = path.join(dir, MARKDOWN_FILE);
  await writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(markdown, `# Latency benchmark\n\n${latencyMarkdown(report)}`);
  return [json, markdown];
}

/** Puts the report's table into the README's "Latest results" section. */
export async function updateReadme(readmePath: string, report: LatencyReport): Promise<void> {
  const readme = await readFile(readmePath, 'utf8');
  await writeFile(readmePath, replaceLatestResults(readme, latencyMarkdown(report)));
}
