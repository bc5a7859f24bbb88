import { describe, expect, it } from 'vitest';
import { type CpuProfile, packageOf, summarizeProfile } from './cpu-profile';

const frame = (functionName: string, url = '', lineNumber = 0) => ({
  functionName,
  url,
  lineNumber,
});

describe('packageOf', () => {
  it('names node_modules packages, scoped ones, node, workspace folders and V8 pseudo-frames', () => {
    expect(
      packageOf('file:///w/node_modules/.pnpm/pg@8/node_modules/pg/lib/client.js', 'query'),
    ).toBe('pg');
    expect(packageOf('file:///w/node_modules/@electric-sql/pglite/dist/index.js', 'exec')).toBe(
      '@electric-sql/pglite',
    );
    expect(packageOf('node:events', 'emit')).toBe('node');
    expect(packageOf('file:///w/examples/server/src/main.ts', 'main')).toBe('examples/server');
    expect(packageOf('', '(garbage collector)')).toBe('(garbage collector)');
    expect(packageOf('', 'writev')).toBe('(native)');
  });
});

describe('summarizeProfile', () => {
  it('sums self time per function and per package, idle apart', () => {
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('(idle)') },
        { id: 2, callFrame: frame('query', 'file:///w/node_modules/pg/lib/client.js', 9) },
        { id: 3, callFrame: frame('send', 'file:///w/examples/server/src/send.ts', 1) },
        { id: 4, callFrame: frame('parse', 'file:///w/node_modules/pg/lib/result.js', 2) },
      ],
      samples: [1, 2, 3, 4, 2, 1],
      timeDeltas: [100, 200, 100, 100, 200, 300],
    };
    const summary = summarizeProfile(profile);
    expect(summary.totalMs).toBe(1);
    expect(summary.idlePercent).toBe(40);
    expect(summary.packages).toEqual([
      { name: 'pg', percent: 50 },
      { name: 'examples/server', percent: 10 },
    ]);
    expect(summary.functions[0]).toEqual({ name: 'query pg/lib/client.js:10', percent: 40 });
  });
});
