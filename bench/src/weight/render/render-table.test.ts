import { describe, expect, it } from 'vitest';
import { renderFailureLines, renderHeader, renderRow } from './render-table';

describe('renderRow', () => {
  it('has a cell per column, small figures to 0.1 ms', () => {
    const row = renderRow({
      name: 'causette',
      list: 'causette',
      description: 'MessageList',
      mountMs: { p50: 298.4, p95: 400, p99: 400, max: 400, runs: [] },
      newMessageMs: { p50: 5.25, p95: 9, p99: 9, max: 9, runs: [] },
      domRows: 12,
    });
    expect(row).toHaveLength(renderHeader.length);
    expect(row).toEqual(['causette', 'MessageList', '298', '400', '5.3', '9.0', '12']);
  });

  it('marks a series that failed before any run', () => {
    const failed = {
      name: 'baseline' as const,
      list: 'plain' as const,
      description: 'plain',
      mountMs: null,
      newMessageMs: null,
      domRows: null,
      failure: 'timeout',
    };
    expect(renderRow(failed).slice(2)).toEqual(['failed', '–', '–', '–', '–']);
    expect(
      renderFailureLines({
        browser: 'Chromium',
        messages: 1,
        runs: 0,
        series: [failed],
        failure: 'x',
      }),
    ).toEqual(['render: x', 'render, baseline: timeout']);
  });
});
