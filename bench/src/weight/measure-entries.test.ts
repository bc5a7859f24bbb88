import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WeightEntry } from './entries';
import { measureEntry, toSeries, withRatios } from './measure-entries';
import { row } from './report.test-fixtures';

describe('withRatios', () => {
  it("divides each initial gzip by @causette/core's, to two decimals", () => {
    const rows = withRatios([
      row({ name: '@causette/core', gzip: 30_000 }),
      row({ name: 'peer', gzip: 100_000 }),
      row({ name: 'broken', failure: 'no' }),
    ]);
    expect(rows.map((r) => r.ratio)).toEqual([1, 3.33, null]);
  });

  it('gives no ratio when the reference failed', () => {
    const rows = withRatios([
      row({ name: '@causette/core', failure: 'no' }),
      row({ name: 'peer' }),
    ]);
    expect(rows.map((r) => r.ratio)).toEqual([null, null]);
  });
});

describe('toSeries', () => {
  it("groups rows by their entry's series, causette first, and drops an empty one", () => {
    const entries = [
      { name: 'p', series: 'baseline' },
      { name: 'c', series: 'causette' },
    ] as WeightEntry[];
    const series = toSeries(entries, [row({ name: 'p' }), row({ name: 'c' })]);
    expect(series.map((s) => [s.name, s.entries.map((r) => r.name)])).toEqual([
      ['causette', ['c']],
      ['baseline', ['p']],
    ]);
    expect(toSeries([entries[1]!], [row({ name: 'c' })]).map((s) => s.name)).toEqual(['causette']);
  });
});

describe('measureEntry', () => {
  it('turns a bundling failure into a failed row, not an exception', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'weight-measure-'));
    try {
      const failed = await measureEntry(
        {
          name: 'absent',
          series: 'baseline',
          kind: 'client',
          packages: ['absent-sdk'],
          source: "import 'absent-sdk';",
        },
        dir,
      );
      expect(failed.initial).toBeNull();
      expect(failed.failure).toMatch(/absent-sdk/);
      expect(failed.versions).toEqual({ 'absent-sdk': 'missing' });

      const styleless = await measureEntry(
        {
          name: 'no stylesheet',
          series: 'baseline',
          kind: 'ui-kit',
          packages: [],
          source: 'export const x = 1;',
          stylesheet: 'absent-kit/styles.css',
        },
        dir,
        false,
      );
      expect(styleless.initial?.min).toBeGreaterThan(0);
      expect(styleless.stylesheet).toBeNull();
      expect(styleless.failure).toMatch(/^stylesheet: .*absent-kit/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
