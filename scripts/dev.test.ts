// `pnpm dev` for real: scripts/dev.mjs on free ports and a fresh, not-yet-existing data folder,
// as on a fresh clone. It must print the URLs last, they must answer, and a stop must leave no
// process behind.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isAlive } from './process-alive.test-fixtures';

const root = path.resolve(import.meta.dirname, '..');
/** A fresh PGlite database takes a few seconds; a loaded CI machine may be ten times slower. */
const BANNER_TIMEOUT_MS = 150_000;
const STOP_TIMEOUT_MS = 30_000;

let dev: ChildProcess | undefined;
let tree: number[] = [];
const dataRoot = mkdtempSync(path.join(os.tmpdir(), 'causette-dev-'));

afterAll(async () => {
  // Only when the test failed half-way: stop the run as Ctrl-C would, then kill what is left.
  if (dev?.pid && dev.exitCode === null && dev.signalCode === null) {
    tree = [...new Set([...tree, ...descendants(dev.pid)])];
    const exited = new Promise((resolve) => dev?.once('exit', resolve));
    dev.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS))]);
  }
  for (const pid of [dev?.pid, ...tree]) if (pid && isAlive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(dataRoot, { recursive: true, force: true });
}, STOP_TIMEOUT_MS + 5_000);

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Every process below `pid`, from /proc (Linux). */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue;
    }
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift() as number) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

function waitFor<T>(what: string, ms: number, check: () => T | undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      let value: T | undefined;
      try {
        value = check();
      } catch (error) {
        clearInterval(timer);
        clearTimeout(deadline);
        reject(error as Error);
        return;
      }
      if (value !== undefined) {
        clearInterval(timer);
        clearTimeout(deadline);
        resolve(value);
      }
    }, 100);
    const deadline = setTimeout(() => {
      clearInterval(timer);
      reject(new Error(`timed out waiting for ${what}`));
    }, ms);
  });
}

describe('pnpm dev', () => {
  it('starts the server and the demo from nothing, prints their URLs last, and stops cleanly', async () => {
    const [serverPort, demoPort] = [await freePort(), await freePort()];
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(serverPort),
      DEMO_PORT: String(demoPort),
      // Nested and missing, like `.data/` on a fresh clone.
      PGLITE_DIR: path.join(dataRoot, 'a', 'b', 'pglite'),
      UPLOAD_DIR: path.join(dataRoot, 'c', 'd', 'uploads'),
      NO_COLOR: '1',
    };
    delete env.FORCE_COLOR;
    let output = '';
    dev = spawn(process.execPath, [path.join(root, 'scripts', 'dev.mjs')], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    dev.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    dev.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => dev?.once('exit', resolve));

    await waitFor('the banner', BANNER_TIMEOUT_MS, () => {
      if (dev?.exitCode !== null) throw new Error('pnpm dev exited early');
      // node --watch waits for a fix after a crash: fail now rather than at the timeout.
      if (/could not start|Failed running/.test(output)) throw new Error('a service failed');
      return /Demo page\s+\S+\n/.test(output) ? true : undefined;
    }).catch((error: Error) => {
      throw new Error(`${error.message}\n${output}`);
    });
    // Nothing printed after the banner while nobody uses the servers.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const lines = output.trimEnd().split('\n');
    expect(lines.at(-1)).toBe(`  Demo page   http://127.0.0.1:${demoPort}/`);
    const banner = lines.slice(
      lines.findLastIndex((line) => line.startsWith('Causette is running')),
    );
    const demoUrl = banner.join('\n').match(/Demo page\s+(\S+)/)?.[1];
    const serverUrl = banner.join('\n').match(/Server\s+(\S+)/)?.[1];
    expect(demoUrl).toBe(`http://127.0.0.1:${demoPort}/`);
    expect(serverUrl).toBe(`http://127.0.0.1:${serverPort}`);
    // The seeded logins to try, as the server lists them.
    expect(banner.join('\n')).toContain('Camille Martin (Agence Bellecour) (advertiser)');
    expect(banner.join('\n')).toContain('Élodie Durand (owner)');

    const health = await fetch(`${serverUrl}/healthz`);
    expect(health.status).toBe(200);
    const page = await fetch(demoUrl as string);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('<div id="root"></div>');
    // The page's module compiles (workspace packages resolved from their sources).
    expect((await fetch(new URL('/src/main.tsx', demoUrl))).status).toBe(200);
    // The sign-in hint is true.
    const login = await fetch(`${serverUrl}/auth/dev-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'u-advertiser-1' }),
    });
    expect(login.status).toBe(200);
    expect(((await login.json()) as { token?: string }).token).toBeTypeOf('string');

    tree = descendants(dev.pid as number);
    expect(tree.length).toBeGreaterThanOrEqual(2);
    dev.kill('SIGTERM');
    const code = await Promise.race([
      exited,
      new Promise((_, reject) => setTimeout(reject, STOP_TIMEOUT_MS, new Error('no exit'))),
    ]);
    expect(code).toBe(0);
    expect(tree.filter(isAlive)).toEqual([]);
    await expect(fetch(`${serverUrl}/healthz`)).rejects.toThrow();
    await expect(fetch(demoUrl as string)).rejects.toThrow();
  }, 240_000);
});
