import { describe, expect, it } from 'vitest';
import { failedSeries } from '../load/merge';
import type { SeriesResult } from '../load/types';
import type { ThroughputReport } from './throughput-bench';
import { capacityRows, overloadRows, stepRows, throughputMarkdown } from './throughput-report';

const ok = (p99: number): SeriesResult =>
  ({
    ...failedSeries('causette', ''),
    failure: undefined,
    p50: 1,
    p99,
    p999: p99,
    max: p99,
    sent: 10,
    acked: 10,
    delivered: 10,
  }) as SeriesResult;

const report: ThroughputReport = {
  date: '2026-12-06T00:00:00.000Z',
  machine: { cpus: 2, cpuModel: 'CPU', totalMemGiB: 24, node: 'v20' },
  method: '',
  p99LimitMs: 50,
  shape: { sockets: 100, durationS: 3 },
  ramps: [
    {
      name: 'baseline',
      database: null,
      capacity: 200,
      steps: [
        { rate: 100, series: ok(3), passed: true },
        { rate: 200, series: ok(4), passed: true },
      ],
    },
    {
      name: 'causette',
      database: 'pglite-memory',
      capacity: 100,
      steps: [
        { rate: 100, series: ok(20), passed: true },
        { rate: 200, series: ok(80), passed: false, miss: 'p99 80 ms' },
      ],
    },
    { name: 'causette', database: 'postgresql', capacity: null, steps: [], failure: 'no server' },
  ],
  overloads: [
    {
      database: 'pglite-memory',
      rate: 200,
      durationS: 20,
      series: { ...ok(4_000), sent: 4_000, acked: 4_000, delivered: 3_998, lost: 2, refusals: 900 },
      passed: false,
      miss: '2 never delivered',
    },
  ],
  profiles: [
    {
      database: 'pglite-memory',
      rate: 100,
      summary: {
        totalMs: 3000,
        idlePercent: 50,
        packages: [{ name: 'pg', percent: 20 }],
        functions: [{ name: 'query pg/lib/client.js:10', percent: 12.5 }],
      },
    },
  ],
};

describe('throughput report', () => {
  it('gives each target its capacity and what stopped its ramp', () => {
    expect(capacityRows(report)).toEqual([
      ['relay (baseline)', '200', 'every step passed'],
      ['causette, pglite-memory', '100', '200 msg/s: p99 80 ms'],
      ['causette, postgresql', 'none', 'did not run: no server'],
    ]);
  });

  it('lists every step with whether it met the bar', () => {
    const rows = stepRows(report);
    expect(rows).toHaveLength(4);
    expect(rows[3]).toEqual([
      'causette, pglite-memory',
      '200',
      '1.0',
      '80.0',
      '80.0',
      '0',
      '0',
      '0',
      '0',
      '0',
      '–',
      'no (p99 80 ms)',
    ]);
  });

  it('shows the overload run: refusals retried, what got through, and the verdict', () => {
    expect(overloadRows(report)).toEqual([
      [
        'pglite-memory',
        '200 msg/s, 20 s',
        '4000',
        '900',
        '3998',
        '2',
        '0',
        '0',
        '0',
        '1.0',
        '4000',
        '4000',
        'no (2 never delivered)',
      ],
    ]);
    expect(throughputMarkdown(report)).toContain('## Past capacity: twice the capacity');
  });

  it('shows where the time went at capacity', () => {
    const markdown = throughputMarkdown(report);
    expect(markdown).toContain('### Chat server on pglite-memory at 100 msg/s');
    expect(markdown).toContain('| query pg/lib/client.js:10 | 12.5 % |');
    expect(markdown).toContain('bar: p99 < 50 ms');
  });
});
