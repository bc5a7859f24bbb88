import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { chatServerParts } from './app';
import { runCli, type CliIo } from './cli';

// Real servers and sockets on a loaded machine: give them room (no assertion is about time).
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

/** An in-memory process: collects output and exit codes, and lets the test raise a signal. */
function fakeIo(argv: string[], env: Record<string, string>) {
  const out = { stdout: '', stderr: '', exits: [] as number[] };
  let signal: ((signal: NodeJS.Signals) => void) | undefined;
  let exited: (code: number) => void = () => undefined;
  const exitedOnce = new Promise<number>((resolve) => (exited = resolve));
  const io: CliIo = {
    argv,
    env,
    stdout: (text) => void (out.stdout += text),
    stderr: (text) => void (out.stderr += text),
    exit: (code) => {
      out.exits.push(code);
      exited(code);
    },
    onSignal: (handler) => void (signal = handler),
    logger: () => pino({ level: 'silent' }),
  };
  return { io, out, exitedOnce, raise: (name: NodeJS.Signals) => signal?.(name) };
}

describe('command line', () => {
  it('prints every setting for --help and exits 0', async () => {
    const { io, out } = fakeIo(['--help'], {});
    await runCli(io);
    expect(out.exits).toEqual([0]);
    for (const name of [
      'PORT',
      'JWT_SECRET',
      'ALLOWED_ORIGINS',
      'CLOUDINARY_URL',
      'VAPID_SUBJECT',
      'UPLOAD_DIR',
    ]) {
      expect(out.stdout).toContain(name);
    }
  });

  it('exits 1 listing every problem of a bad configuration', async () => {
    const { io, out } = fakeIo([], { NODE_ENV: 'production', PORT: 'x' });
    await runCli(io);
    expect(out.exits).toEqual([1]);
    expect(out.stderr).toMatch(/PORT/);
    expect(out.stderr).toMatch(/JWT_SECRET/);
    expect(out.stderr).toMatch(/ALLOWED_ORIGINS/);
  });

  it('starts, drains on SIGTERM and exits 0', async () => {
    const { io, out, exitedOnce, raise } = fakeIo([], { PORT: '0' });
    const server = await runCli(io);
    expect(server).toBeDefined();
    expect((await fetch(`${server?.url ?? ''}/healthz`)).status).toBe(200);
    raise('SIGTERM');
    expect(await exitedOnce).toBe(0);
    expect(out.exits).toEqual([0]);
    await expect(fetch(`${server?.url ?? ''}/healthz`)).rejects.toThrow();
  });

  it('starts on a fresh clone: creates the data folders it writes to, parents included', async () => {
    // `.data/` is git-ignored, so a fresh clone has none of the folders PGLITE_DIR and UPLOAD_DIR
    // name; PGlite alone creates only the last level of its own.
    const root = mkdtempSync(path.join(os.tmpdir(), 'causette-fresh-'));
    const pgliteDir = path.join(root, 'a', 'b', 'pglite');
    const uploadDir = path.join(root, 'c', 'd', 'uploads');
    const { io, out, exitedOnce, raise } = fakeIo([], {
      PORT: '0',
      PGLITE_DIR: pgliteDir,
      UPLOAD_DIR: uploadDir,
    });
    try {
      const server = await runCli(io, chatServerParts());
      expect(out.exits).toEqual([]);
      expect(server).toBeDefined();
      expect((await fetch(`${server?.url ?? ''}/healthz`)).status).toBe(200);
      expect(existsSync(path.join(pgliteDir, 'PG_VERSION'))).toBe(true);
      expect(existsSync(uploadDir)).toBe(true);
      raise('SIGTERM');
      expect(await exitedOnce).toBe(0);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);

  it('exits 1 when the server cannot start', async () => {
    const { io, out } = fakeIo([], { PORT: '0' });
    await runCli(io, { openDatabase: () => Promise.reject(new Error('no database')) });
    expect(out.exits).toEqual([1]);
  });
});
