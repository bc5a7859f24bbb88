import { describe, expect, it } from 'vitest';
import { FULL_LOADS, QUICK_LOADS, checkLoad, checkLoopback, databasesFor } from './plan';

describe('checkLoad', () => {
  it('accepts every configured load', () => {
    for (const load of [...FULL_LOADS, ...QUICK_LOADS]) expect(() => checkLoad(load)).not.toThrow();
  });

  it('refuses loads past the caps', () => {
    expect(() => checkLoad({ sockets: 100_000, rate: 10, durationS: 1 })).toThrow(/sockets/);
    expect(() => checkLoad({ sockets: 10, rate: 1e6, durationS: 1 })).toThrow(/rate/);
    expect(() => checkLoad({ sockets: 10, rate: 10, durationS: 3_600 })).toThrow(/durationS/);
    expect(() => checkLoad({ sockets: 10, rate: 10, durationS: Number.NaN })).toThrow(/durationS/);
  });
});

describe('checkLoopback', () => {
  it('allows only 127.0.0.1', () => {
    expect(() => checkLoopback('http://127.0.0.1:4000')).not.toThrow();
    expect(() => checkLoopback('http://example.com:4000')).toThrow(/127\.0\.0\.1/);
  });
});

describe('databasesFor', () => {
  it('runs PGlite in memory only when quick', () => {
    expect(databasesFor(true, 'postgres://x')).toEqual(['pglite-memory']);
  });

  it('adds PostgreSQL to a full run only when DATABASE_URL is set', () => {
    expect(databasesFor(false, undefined)).toEqual(['pglite-memory', 'pglite-disk']);
    expect(databasesFor(false, 'postgres://x')).toEqual([
      'pglite-memory',
      'pglite-disk',
      'postgresql',
    ]);
  });
});
