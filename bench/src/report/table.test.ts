import { describe, expect, it } from 'vitest';
import { series } from './fixtures.test-fixtures';
import { HEADER, describeErrors, failureLines, markdownTable, seriesRow, textTable } from './table';

const run = {
  load: { sockets: 200, rate: 200, durationS: 5 },
  database: 'pglite-memory' as const,
  series: [series()],
};

describe('seriesRow', () => {
  it('has a cell per column, latencies at a readable precision', () => {
    const row = seriesRow(run, series());
    expect(row).toHaveLength(HEADER.length);
    expect(row.slice(0, 7)).toEqual([
      '200 sockets × 200 msg/s, 5 s',
      'pglite-memory',
      'baseline',
      '1.3',
      '9.5',
      '20.0',
      '123',
    ]);
    expect(row.slice(-2)).toEqual(['18', '–']);
    expect(seriesRow(run, series({ serverCpuPercent: 93.6 })).at(-1)).toBe('94');
  });

  it('marks a failed series and names why below the table', () => {
    const failed = series({ p50: null, failure: 'set-up: refused' });
    expect(seriesRow(run, failed).slice(3, 7)).toEqual(['failed', '–', '–', '–']);
    expect(failureLines([{ ...run, series: [failed] }])).toEqual([
      '200 sockets × 200 msg/s, 5 s, pglite-memory, baseline: set-up: refused',
    ]);
  });
});

describe('describeErrors', () => {
  it('gives the total, then each code, most frequent first', () => {
    expect(describeErrors({})).toBe('0');
    expect(describeErrors({ RATE_LIMITED: 2, INTERNAL: 5 })).toBe('7 (INTERNAL 5, RATE_LIMITED 2)');
  });
});

describe('tables', () => {
  it('pads text columns left and figures right', () => {
    expect(
      textTable(
        ['name', 'n'],
        [
          ['a', '1'],
          ['bbb', '100'],
        ],
        1,
      ),
    ).toBe(['name    n', '----  ---', 'a       1', 'bbb   100'].join('\n'));
  });

  it('writes markdown with escaped pipes', () => {
    expect(markdownTable(['a', 'b'], [['x|y', '2']])).toBe(
      ['| a | b |', '| --- | --- |', '| x\\|y | 2 |'].join('\n'),
    );
  });
});
