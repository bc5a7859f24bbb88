import { describe, expect, it } from 'vitest';
import { atSizeMarkdown, classRows, scenarioRows, summaryLines } from './report';
import type { AtSizeReport } from './types';

const stats = (p50: number, p95: number) => ({ count: 3, p50, p95, p99: p95, max: p95, mean: p50 });

const report: AtSizeReport = {
  date: '2026-12-06T06:00:00.000Z',
  machine: { cpus: 2, cpuModel: 'AMD EPYC', totalMemGiB: 23.5, node: 'v20.20.2' },
  method: 'method',
  database: 'postgresql',
  dataset: {
    messages: 1_000_000,
    conversations: 10_000,
    users: 2_000,
    measuredConversations: 50,
    measuredUsers: 8,
    messagesOfMeasuredUser: 17_406,
    longestConversation: 14_470,
  },
  fill: {
    schemaMs: 3_000,
    timings: {
      conversationsMs: 2_000,
      messagesMs: 45_000,
      indexesMs: 7_000,
      vacuumAnalyzeMs: 2_000,
      totalMs: 56_000,
    },
    sizesMiB: { messages: 600, searchIndex: 28, database: 620 },
  },
  goal: { searchP95Ms: 20, searchP95: 41.5, pass: false },
  scenarios: [
    {
      name: 'search',
      description: 'message:search',
      series: [
        { name: 'baseline', ...stats(30, 38) },
        { name: 'causette', ...stats(33, 41.5) },
      ],
      groups: [{ group: 'rare', baseline: stats(30, 31), causette: stats(32, 150.25) }],
      errors: { RATE_LIMITED: 1 },
      skipped: 2,
      meanItems: 20,
    },
  ],
  searchMatches: [
    { group: 'rare', query: 'véranda', matches: 3, share: 0.0002 },
    { group: 'rare', query: 'loft', matches: 5, share: 0.0003 },
  ],
  plans: [{ name: 'search', sql: 'SELECT 1', values: [], plan: 'Result' }],
};

describe('at-size report', () => {
  it('lists both series of each scenario with their percentiles, errors and left-out requests', () => {
    expect(scenarioRows(report)).toEqual([
      ['search', 'baseline', '30.0', '38.0', '38.0', '38.0', '3 (2 left out)', ''],
      ['search', 'causette', '33.0', '41.5', '41.5', '41.5', '3 (2 left out)', 'RATE_LIMITED 1'],
    ]);
  });

  it('breaks the search down by query class with the share of messages it matches', () => {
    expect(classRows(report)).toEqual([
      ['rare', '32.0', '150', '30.0', '31.0', '3–5 (0.02 %–0.03 %)'],
    ]);
  });

  it('states the goal, the data and the fill above the tables', () => {
    const text = summaryLines(report).join('\n');
    expect(text).toContain('1,000,000 messages over 10,000 conversations');
    expect(text).toContain('Fill: 56.0 s');
    expect(text).toContain('**fail** (41.5 ms)');
    expect(atSizeMarkdown(report)).toContain('| search | causette | 33.0 |');
  });

  it('says why when nothing was measured', () => {
    const skipped: AtSizeReport = {
      ...report,
      skipped: 'DATABASE_URL is not set',
      scenarios: [],
      plans: [],
      goal: { searchP95Ms: 20, searchP95: null, pass: null },
    };
    expect(atSizeMarkdown(skipped)).toContain('Skipped: DATABASE_URL is not set');
    expect(atSizeMarkdown(skipped)).not.toContain('| scenario |');
  });
});
