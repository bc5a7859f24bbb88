// Rows of the latency table, printed as text in the terminal and as markdown in the reports.
import type { Load, RunResult, SeriesResult } from '../load/types';

export const HEADER = [
  'load',
  'database',
  'series',
  'p50 ms',
  'p99 ms',
  'p99.9 ms',
  'max ms',
  'sent',
  'delivered',
  'lost',
  'doubled',
  'disconnects',
  'errors',
  'gen CPU %',
  'server CPU %',
] as const;

export function describeLoad(load: Load): string {
  return `${load.sockets} sockets × ${load.rate} msg/s, ${load.durationS} s`;
}

export function formatMs(value: number | null): string {
  if (value === null) return '–';
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}

/** A CPU share in % of one core, or a dash when it could not be read. */
export function formatCpu(percent: number | null | undefined): string {
  return percent === undefined || percent === null ? '–' : percent.toFixed(0);
}

/** Total of the failed acks, then each code, most frequent first. */
export function describeErrors(errors: Record<string, number>): string {
  const entries = Object.entries(errors).sort(([, a], [, b]) => b - a);
  const total = entries.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return '0';
  return `${total} (${entries.map(([code, count]) => `${code} ${count}`).join(', ')})`;
}

export function seriesRow(run: RunResult, series: SeriesResult): string[] {
  const latencies = series.failure
    ? ['failed', '–', '–', '–']
    : [formatMs(series.p50), formatMs(series.p99), formatMs(series.p999), formatMs(series.max)];
  return [
    describeLoad(run.load),
    run.database,
    series.name,
    ...latencies,
    String(series.sent),
    String(series.delivered),
    String(series.lost),
    String(series.doubled),
    String(series.disconnects),
    describeErrors(series.errors),
    series.generatorCpuPercent.toFixed(0),
    formatCpu(series.serverCpuPercent),
  ];
}

export function runRows(runs: readonly RunResult[]): string[][] {
  return runs.flatMap((run) => run.series.map((series) => seriesRow(run, series)));
}

/** Why each failed series failed, one line each. */
export function failureLines(runs: readonly RunResult[]): string[] {
  return runs.flatMap((run) =>
    run.series
      .filter((series) => series.failure)
      .map(
        (series) =>
          `${describeLoad(run.load)}, ${run.database}, ${series.name}: ${series.failure ?? ''}`,
      ),
  );
}

/** Columns padded to their widest cell; the first `textColumns` left-aligned, the figures right. */
export function textTable(
  header: readonly string[],
  rows: readonly string[][],
  textColumns = 3,
): string {
  const all = [header, ...rows];
  const widths = header.map((_, col) => Math.max(...all.map((row) => (row[col] ?? '').length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, col) =>
        col < textColumns ? cell.padEnd(widths[col] ?? 0) : cell.padStart(widths[col] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function escapeCell(cell: string): string {
  return cell.replace(/\|/g, '\\|');
}

export function markdownTable(header: readonly string[], rows: readonly string[][]): string {
  const line = (row: readonly string[]) => `| ${row.map(escapeCell).join(' | ')} |`;
  return [line(header), `|${header.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n');
}
