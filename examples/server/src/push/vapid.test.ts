import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { runCli } from '../cli';
import { loadConfig } from '../config';
import { readVapid } from '../config-readers';
import { capturingLogger } from '../socket/test-helpers';
import { DEV_VAPID_SUBJECT, resolveVapid, vapidEnvText } from './vapid';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'causette-vapid-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const devConfig = (file: string) => loadConfig({ PUSH_DEV_KEY_FILE: file });

describe('resolveVapid', () => {
  it('in development without VAPID_*, makes a pair once and keeps it in the data folder', async () => {
    const file = path.join(dir, 'data', 'vapid.json');
    const { logger, lines } = capturingLogger('info');
    const first = await resolveVapid(devConfig(file), logger);
    expect(first.vapid).toMatchObject({ subject: DEV_VAPID_SUBJECT });
    expect(
      readVapid(
        {
          VAPID_PUBLIC_KEY: first.vapid!.publicKey,
          VAPID_PRIVATE_KEY: first.vapid!.privateKey,
          VAPID_SUBJECT: first.vapid!.subject,
        },
        [],
      ),
    ).toEqual(first.vapid);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const again = await resolveVapid(devConfig(file), logger);
    expect(again.vapid).toEqual(first.vapid);
    expect(lines.map((l) => l.msg)).toEqual([
      'Web Push: made development VAPID keys',
      'Web Push: development VAPID keys',
    ]);
  });

  it('uses the configured keys as they are, in any mode', async () => {
    const file = path.join(dir, 'vapid.json');
    const env = {
      VAPID_PUBLIC_KEY: `B${'A'.repeat(86)}`,
      VAPID_PRIVATE_KEY: 'A'.repeat(43),
      VAPID_SUBJECT: 'mailto:ops@example.com',
      PUSH_DEV_KEY_FILE: file,
    };
    const config = loadConfig(env);
    expect(await resolveVapid(config, capturingLogger().logger)).toBe(config);
    await expect(stat(file)).rejects.toThrow();
  });

  it('outside development without VAPID_*, leaves pushes off and says so once', async () => {
    const { logger, lines } = capturingLogger('info');
    const config = loadConfig({ NODE_ENV: 'test', PUSH_DEV_KEY_FILE: path.join(dir, 'v.json') });
    expect((await resolveVapid(config, logger)).vapid).toBeUndefined();
    expect(lines.map((l) => l.msg)).toEqual([
      'Web Push is off: set VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT to send pushes',
    ]);
  });

  it('refuses a key file that holds something else, naming the way out', async () => {
    const file = path.join(dir, 'vapid.json');
    await writeFile(file, '{"publicKey":"nope"}');
    await expect(resolveVapid(devConfig(file), capturingLogger().logger)).rejects.toThrow(
      /PUSH_DEV_KEY_FILE: .* delete it/,
    );
    expect(await readFile(file, 'utf8')).toBe('{"publicKey":"nope"}');
  });
});

describe('GET /push/public-key', () => {
  it('serves the key pushes are signed with: in development, the kept one', async () => {
    const file = path.join(dir, 'vapid.json');
    const server = await runCli({
      argv: [],
      env: { PORT: '0', PUSH_DEV_KEY_FILE: file, UPLOAD_DIR: path.join(dir, 'uploads') },
      stdout: () => undefined,
      stderr: () => undefined,
      exit: () => undefined,
      onSignal: () => undefined,
      logger: () => pino({ level: 'silent' }),
    });
    try {
      const kept = JSON.parse(await readFile(file, 'utf8')) as { publicKey: string };
      const response = await fetch(`${server!.url}/push/public-key`);
      expect(await response.json()).toEqual({ publicKey: kept.publicKey });
    } finally {
      await server?.close();
    }
  });
});

describe('pnpm vapid', () => {
  it('prints a new key pair as environment lines', async () => {
    const script = path.join(import.meta.dirname, 'vapid-cli.ts');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script]);
    const match = /^VAPID_PUBLIC_KEY=([\w-]+)\nVAPID_PRIVATE_KEY=([\w-]+)\n$/.exec(stdout);
    const problems: string[] = [];
    readVapid(
      {
        VAPID_PUBLIC_KEY: match?.[1],
        VAPID_PRIVATE_KEY: match?.[2],
        VAPID_SUBJECT: 'mailto:a@b.c',
      },
      problems,
    );
    expect(problems).toEqual([]);
    expect(vapidEnvText({ publicKey: 'P', privateKey: 'S' })).toBe(
      'VAPID_PUBLIC_KEY=P\nVAPID_PRIVATE_KEY=S\n',
    );
  });
});
