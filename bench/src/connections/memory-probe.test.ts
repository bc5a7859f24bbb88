import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TS_EXEC_ARGV, benchDir, endProcess } from '../load/processes';
import { parseMemorySample, probeLaunch, readMemory } from './memory-probe';

const sample = {
  gcExposed: true,
  atEpochMs: 1,
  rss: 50_000_000,
  heapTotal: 20_000_000,
  heapUsed: 10_000_000,
  external: 2_000_000,
  arrayBuffers: 100_000,
};

describe('parseMemorySample', () => {
  it('keeps the byte counts and whether garbage was collected first', () => {
    expect(parseMemorySample(JSON.stringify(sample))).toEqual({
      rss: 50_000_000,
      heapTotal: 20_000_000,
      heapUsed: 10_000_000,
      external: 2_000_000,
      arrayBuffers: 100_000,
      gcExposed: true,
    });
  });

  it('names a field that is not a byte count', () => {
    expect(() => parseMemorySample(JSON.stringify({ ...sample, heapUsed: -1 }))).toThrow(
      /heapUsed/,
    );
    expect(() => parseMemorySample(JSON.stringify({ ...sample, gcExposed: 'yes' }))).toThrow(
      /gcExposed/,
    );
  });
});

describe('the heap probe in another process', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'heap-probe-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('answers SIGUSR2 with a sample taken after a collection', async () => {
    const launch = probeLaunch(path.join(dir, 'memory.json'));
    // Ready once it prints: the preload ran before the script, so its handler is in place.
    const child = spawn(
      process.execPath,
      [...TS_EXEC_ARGV, ...launch.execArgv, '-e', 'console.log("up"); setInterval(() => {}, 1000)'],
      {
        cwd: benchDir,
        env: { ...process.env, ...launch.env },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.once('data', () => resolve());
        child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
      });
      const first = await readMemory(child.pid as number, launch);
      const second = await readMemory(child.pid as number, launch);
      expect(first.gcExposed).toBe(true);
      expect(first.heapUsed).toBeGreaterThan(0);
      expect(second.rss).toBeGreaterThan(0);
    } finally {
      await endProcess(child, 'SIGKILL');
    }
  }, 60_000);
});
