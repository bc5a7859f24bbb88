// The weight benchmark's tables (terminal and markdown) and its report files.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describeMachine } from '../report/machine';
import { markdownTable, textTable } from '../report/table';
import { grouped } from './format';
import { renderFailureLines, renderHeader, renderRows } from './render/render-table';
import type { WeightReport, WeightRow, WeightSeries } from './types';

export const JSON_FILE = 'weight.json';
export const MARKDOWN_FILE = 'weight.md';

export const SIZE_HEADER = [
  'series',
  'entry',
  'versions',
  'min B',
  'min+gzip B',
  'min+brotli B',
  '× core gzip',
  'gzip with lazy chunks B',
  'CSS min+gzip B',
] as const;

/** Bytes with thousands separators, as a table reads them. */
export const bytes = grouped;

export function describeVersions(versions: Record<string, string>): string {
  return Object.entries(versions)
    .map(([name, version]) => `${name}@${version}`)
    .join(', ');
}

export function sizeRow(series: WeightSeries['name'], row: WeightRow): string[] {
  const failed = row.initial === null;
  return [
    series,
    row.name,
    describeVersions(row.versions),
    failed ? 'failed' : bytes(row.initial?.min),
    bytes(row.initial?.gzip),
    bytes(row.initial?.brotli),
    row.ratio === null ? '–' : `${row.ratio.toFixed(2)}×`,
    bytes(row.all?.gzip),
    bytes(row.stylesheet?.gzip),
  ];
}

export function sizeRows(series: readonly WeightSeries[]): string[][] {
  return series.flatMap((s) => s.entries.map((row) => sizeRow(s.name, row)));
}

/** Failures, unresolved optional imports and CSS left out, one line each. */
export function sizeNotes(series: readonly WeightSeries[]): string[] {
  const measured = series.flatMap((s) => s.entries).filter((row) => row.initial !== null);
  const quick =
    measured.length > 0 && measured.every((row) => row.all === null)
      ? ['Quick run: initial loads only, lazy chunks not bundled.']
      : [];
  return quick.concat(
    series.flatMap((s) =>
      s.entries.flatMap((row) => [
        ...(row.failure ? [`${row.name}: did not bundle for the browser: ${row.failure}`] : []),
        ...(row.unresolved.length > 0
          ? [
              `${row.name}: optional \`import()\` not installed, left out: ${row.unresolved.join(', ')}`,
            ]
          : []),
        ...(row.cssBytes > 0
          ? [`${row.name}: imports ${bytes(row.cssBytes)} B of CSS, not counted`]
          : []),
      ]),
    ),
  );
}

function bundlerLine(report: WeightReport): string {
  return `Bundled with esbuild ${report.bundler.version} (bundle, minify, ESM, browser, es2020, tree-shaken; react and react-dom external); gzip level 9, brotli quality 11; the kits' stylesheets minified on their own.`;
}

/** The report as markdown: date and machine, the size table, then the render table when measured. */
export function weightMarkdown(report: WeightReport): string {
  const notes = sizeNotes(report.series);
  const lines = [
    `Measured ${report.date} on ${describeMachine(report.machine)}.`,
    '',
    bundlerLine(report),
    '',
    markdownTable(SIZE_HEADER, sizeRows(report.series)),
    ...(notes.length > 0 ? ['', ...notes.map((note) => `- ${note}`)] : []),
  ];
  if (report.render) {
    const failures = renderFailureLines(report.render);
    lines.push(
      '',
      `MessageList in ${report.render.browser}, ${bytes(report.render.messages)} messages, median of ${report.render.runs} runs:`,
      '',
      markdownTable(renderHeader, renderRows(report.render)),
      ...(failures.length > 0 ? ['', ...failures.map((line) => `- ${line}`)] : []),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The tables for the terminal. */
export function weightText(report: WeightReport): string {
  const lines = [textTable(SIZE_HEADER, sizeRows(report.series), 3), ...sizeNotes(report.series)];
  if (report.render) {
    lines.push(
      '',
      textTable(renderHeader, renderRows(report.render), 2),
      ...renderFailureLines(report.render),
    );
  }
  return lines.join('\n');
}

/** Writes weight.json and weight.md into `dir` (made when missing); returns their paths. */
export async function writeWeightReport(dir: string, report: WeightReport): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const json = path.join(dir, JSON_FILE);
  const markdown = path.join(dir, MARKDOWN_FILE);
  await writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(markdown, `# Client weight benchmark\n\n${weightMarkdown(report)}`);
  return [json, markdown];
}
