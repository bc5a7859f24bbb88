// Rows of the render table (MessageList mount and one new message, in Chromium).
import { grouped } from '../format';
import type { RenderReport, RenderSeries, TimingSummary } from './types';

export const renderHeader = [
  'series',
  'what',
  'mount ms (p50)',
  'mount ms (max)',
  'new message ms (p50)',
  'new message ms (max)',
  'DOM rows',
] as const;

function ms(value: number | undefined): string {
  if (value === undefined) return '–';
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}

function cells(summary: TimingSummary | null): [string, string] {
  return [ms(summary?.p50), ms(summary?.max)];
}

export function renderRow(series: RenderSeries): string[] {
  if (series.failure && !series.mountMs) {
    return [series.name, series.description, 'failed', '–', '–', '–', '–'];
  }
  return [
    series.name,
    series.description,
    ...cells(series.mountMs),
    ...cells(series.newMessageMs),
    grouped(series.domRows),
  ];
}

export function renderRows(report: RenderReport): string[][] {
  return report.series.map(renderRow);
}

/** Why the render measure, or one of its series, failed. */
export function renderFailureLines(report: RenderReport): string[] {
  return [
    ...(report.failure ? [`render: ${report.failure}`] : []),
    ...report.series
      .filter((series) => series.failure)
      .map((series) => `render, ${series.name}: ${series.failure ?? ''}`),
  ];
}
