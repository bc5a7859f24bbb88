import { describe, expect, it } from 'vitest';
import { e2eMarkdown, e2eReportFrom, skippedE2eReport } from './e2e-report';

const date = new Date('2026-12-06T00:00:00Z');

describe('e2e report', () => {
  it('names the E2E figures and sets p99 against the seed’s 100 ms', () => {
    const report = e2eReportFrom({ samples: [30, 40, 120], p50: 40, p95: 120, p99: 120 }, date);
    expect(report.series).toEqual([
      expect.objectContaining({
        name: 'causette',
        samples: 3,
        p50: 40,
        p99: 120,
        max: 120,
        targetMs: 100,
        meetsTarget: false,
      }),
    ]);
    expect(e2eMarkdown(report)).toContain(
      '| Enter → other browser’s DOM | 3 | 40 | 120 | 120 | 120 | 100 | no |',
    );
    expect(
      e2eReportFrom({ samples: [30], p50: 30, p95: 30, p99: 30 }, date).series[0]?.meetsTarget,
    ).toBe(true);
  });

  it('refuses a file without samples or percentiles', () => {
    expect(() => e2eReportFrom({ samples: [] }, date)).toThrow(/samples/);
    expect(() => e2eReportFrom({ samples: [1, 'x'], p50: 1, p95: 1, p99: 1 }, date)).toThrow(
      /samples/,
    );
    expect(() => e2eReportFrom({ samples: [1], p50: 1 }, date)).toThrow(/p95/);
    expect(() => e2eReportFrom(null, date)).toThrow();
  });

  it('says why a run has no figures', () => {
    const report = skippedE2eReport('a quick run does not drive the browsers', date);
    expect(report.series).toEqual([]);
    expect(e2eMarkdown(report)).toContain('Skipped: a quick run does not drive the browsers');
  });
});
