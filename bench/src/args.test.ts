import { describe, expect, it } from 'vitest';
import { BENCH_NAMES, parseBenchArgs } from './args';

describe('parseBenchArgs', () => {
  it('runs everything, full, by default', () => {
    expect(parseBenchArgs([])).toEqual({
      quick: false,
      only: [...BENCH_NAMES],
      help: false,
      loads: [],
      databases: [],
    });
  });

  it('reads custom loads and databases', () => {
    const args = parseBenchArgs([
      '--load',
      '1000x500',
      '--load=2000x1500x10',
      '--db',
      'postgresql',
    ]);
    expect(args.loads).toEqual([
      { sockets: 1000, rate: 500, durationS: 20 },
      { sockets: 2000, rate: 1500, durationS: 10 },
    ]);
    expect(args.databases).toEqual(['postgresql']);
    expect(parseBenchArgs(['--db', 'pglite-memory,pglite-disk']).databases).toEqual([
      'pglite-memory',
      'pglite-disk',
    ]);
    expect(() => parseBenchArgs(['--load', '1000'])).toThrow(/SOCKETSxRATE/);
    expect(() => parseBenchArgs(['--db', 'mysql'])).toThrow(/unknown database/);
  });

  it('reads --quick, also after the -- pnpm may pass through', () => {
    expect(parseBenchArgs(['--quick']).quick).toBe(true);
    expect(parseBenchArgs(['--', '--quick']).quick).toBe(true);
  });

  it('reads --only, repeated or comma-separated, in run order', () => {
    expect(parseBenchArgs(['--only', 'latency']).only).toEqual(['latency']);
    expect(parseBenchArgs(['--only=weight,latency']).only).toEqual(['latency', 'weight']);
    expect(parseBenchArgs(['--only', 'weight', '--only', 'weight']).only).toEqual(['weight']);
  });

  it('refuses unknown benchmarks and options', () => {
    expect(() => parseBenchArgs(['--only', 'search'])).toThrow(/Unknown benchmark search/);
    expect(() => parseBenchArgs(['--fast'])).toThrow();
    expect(() => parseBenchArgs(['latency'])).toThrow();
  });

  it('reads --help and -h', () => {
    expect(parseBenchArgs(['-h']).help).toBe(true);
  });
});
