import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtServerEntry, serverNodeOptions } from './chat-server-process';

describe('serverNodeOptions', () => {
  it('adds nothing by default', () => {
    expect(serverNodeOptions({})).toEqual([]);
  });

  it('preloads BENCH_SERVER_IMPORT and profiles into BENCH_CPU_PROFILE_DIR, as absolute paths', () => {
    expect(
      serverNodeOptions({ BENCH_SERVER_IMPORT: 'count.mjs', BENCH_CPU_PROFILE_DIR: 'profiles' }),
    ).toEqual([
      '--import',
      path.resolve('count.mjs'),
      '--cpu-prof',
      `--cpu-prof-dir=${path.resolve('profiles')}`,
    ]);
  });
});

describe('builtServerEntry', () => {
  it('is the built server, and says how to build it when it is missing', () => {
    expect(builtServerEntry()).toMatch(/examples\/server\/dist\/main\.js$/);
    expect(() => builtServerEntry('/nowhere/dist/main.js')).toThrow(/pnpm bench.*builds first/);
  });
});
