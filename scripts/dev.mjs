#!/usr/bin/env node
// `pnpm dev`: the reference server and the marketplace demo side by side, for development.
//
// Each runs its package's own `dev` script. Both read the workspace packages from their
// TypeScript sources (the `@causette/source` export condition), so nothing is built first. Their
// output is prefixed with their name; once the server's /readyz and the demo page both answer,
// the URLs to open are printed as the last lines. SIGINT (Ctrl-C), SIGTERM and SIGHUP stop both,
// and no child outlives this process, not even when it is SIGKILLed (./group-reaper.mjs).
//
// Settings: PORT (server, 3001) and DEMO_PORT (demo, 5173); everything else in the environment
// reaches the server as is (PGLITE_DIR, UPLOAD_DIR, ... see `examples/server/README.md`).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { startGroupReaper } from './group-reaper.mjs';

const root = path.resolve(import.meta.dirname, '..');
const HOST = '127.0.0.1';
/** After this long without an answer, say what is still awaited (PGlite's first start is slow). */
const SLOW_START_MS = 60_000;
/** How long a stop waits for the children to exit (the server drains up to 10 s) before killing. */
const STOP_TIMEOUT_MS = 15_000;

const serverPort = port('PORT', 3001);
const demoPort = port('DEMO_PORT', 5173);
const serverUrl = `http://${HOST}:${serverPort}`;
const demoUrl = `http://${HOST}:${demoPort}/`;

const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, text) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);

const services = [
  {
    name: 'server',
    dir: 'examples/server',
    colorCode: 36,
    // Not /healthz: that answers as soon as it listens, before the socket layer is attached.
    readyUrl: `${serverUrl}/readyz`,
    isReady: (response) => response.ok,
    format: formatPinoLine,
  },
  {
    name: 'demo',
    dir: 'examples/marketplace',
    colorCode: 35,
    readyUrl: demoUrl,
    isReady: (response) =>
      response.ok && (response.headers.get('content-type') ?? '').includes('text/html'),
    format: (line) => line,
  },
];
const width = Math.max(...services.map((s) => s.name.length));

let lastOutputAt = Date.now();
let stopping = false;
const reaper = startGroupReaper();
const children = services.map(start);

process.on('SIGINT', () => stop(0, 'SIGINT'));
process.on('SIGTERM', () => stop(0, 'SIGTERM'));
process.on('SIGHUP', () => stop(0, 'SIGHUP'));
// Whatever ends this process (an uncaught error included), the children's process groups go too;
// after a SIGKILL, which no process can catch, the reaper kills them.
process.on('exit', () => {
  for (const child of children) killGroup(child, 'SIGKILL');
});

await Promise.all(services.map(waitUntilReady));
if (!stopping) {
  await quiet();
  if (!stopping) await printBanner();
}

function port(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65_535) {
    console.error(`${name}: expected a port between 1 and 65535, got "${raw}"`);
    process.exit(1);
  }
  return value;
}

/** Runs the service's `dev` script, in its own process group so a stop reaches all it started. */
function start(service) {
  const dir = path.join(root, service.dir);
  const script = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).scripts.dev;
  const binPath = [path.join(dir, 'node_modules', '.bin'), path.join(root, 'node_modules', '.bin')];
  const child = spawn('sh', ['-c', `exec ${script}`], {
    cwd: dir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PATH: [...binPath, process.env.PATH].join(path.delimiter),
      NODE_ENV: 'development',
      PORT: String(serverPort),
      DEMO_PORT: String(demoPort),
      VITE_CAUSETTE_SERVER_URL: serverUrl,
      ...(color ? { FORCE_COLOR: '1' } : {}),
    },
  });
  reaper.add(child.pid);
  child.service = service;
  child.exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const prefix = `${paint(service.colorCode, service.name.padEnd(width))} │ `;
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      lastOutputAt = Date.now();
      for (const part of service.format(line).split('\n'))
        process.stdout.write(prefix + part + '\n');
    });
  }
  child.on('error', (error) => say(`${service.name}: ${error.message}`));
  void child.exited.then(({ code, signal }) => {
    if (stopping) return;
    say(paint(31, `${service.name} exited (${signal ?? `code ${code}`}); stopping.`));
    void stop(code || 1);
  });
  return child;
}

/**
 * Polls the service until it answers. No deadline: a server that failed to start under
 * `node --watch` starts again once its code is fixed, and the banner follows then.
 */
async function waitUntilReady(service, index) {
  const child = children[index];
  let slowAt = Date.now() + SLOW_START_MS;
  let exited = false;
  void child.exited.then(() => (exited = true));
  while (!stopping && !exited) {
    try {
      const response = await fetch(service.readyUrl, { signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      if (service.isReady(response)) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > slowAt) {
      say(
        `Still waiting for ${service.name} to answer at ${service.readyUrl} (see its output above).`,
      );
      slowAt += SLOW_START_MS;
    }
    await sleep(250);
  }
}

/** Waits until the children have been silent for a moment, so the banner ends the output. */
async function quiet() {
  const until = Date.now() + 3_000;
  while (!stopping && Date.now() - lastOutputAt < 400 && Date.now() < until) await sleep(100);
}

async function printBanner() {
  const users = await seededUsers();
  const lines = [
    '',
    paint(32, 'Causette is running.'),
    `  Server      ${serverUrl}   (health: ${serverUrl}/healthz)`,
    '  Sign in as  one of the seeded users (a private window makes a second person):',
    ...users.map((user) => `              ${user.displayName} (${user.role})`),
    'Ctrl-C stops both. Open the demo:',
    `  Demo page   ${paint(32, demoUrl)}`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

/** The server's demo logins (`GET /auth/dev-users`), or none if it cannot say. */
async function seededUsers() {
  try {
    const response = await fetch(`${serverUrl}/auth/dev-users`, {
      signal: AbortSignal.timeout(2_000),
    });
    if (!response.ok) return [];
    const { users } = await response.json();
    return Array.isArray(users) ? users : [];
  } catch {
    return [];
  }
}

/** Stops every child (SIGTERM to each, then SIGKILL to its group), then exits with `code`. */
async function stop(code, signal) {
  if (stopping) {
    // A second Ctrl-C: no more waiting.
    if (signal) process.exit(130);
    return;
  }
  stopping = true;
  if (signal) say(`${signal}: stopping the server and the demo...`);
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  }
  const timeout = sleep(STOP_TIMEOUT_MS).then(() => 'timeout');
  await Promise.all(
    children.map(async (child) => {
      if ((await Promise.race([child.exited, timeout])) === 'timeout') {
        say(`${child.service.name} did not stop in time; killing it.`);
      }
      // Anything the service started and left behind goes with its group.
      killGroup(child, 'SIGKILL');
      await child.exited;
    }),
  );
  await reaper.close();
  process.stdout.write('', () => process.exit(code));
}

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is gone already
  }
}

function say(text) {
  process.stdout.write(`${text}\n`);
}

/** pino's JSON lines, readable: `INFO  message {extra fields}` and an error's stack below. */
function formatPinoLine(line) {
  if (!line.startsWith('{')) return line;
  let entry;
  try {
    entry = JSON.parse(line);
  } catch {
    return line;
  }
  const { level, time: _time, pid: _pid, hostname: _hostname, msg = '', err, ...rest } = entry;
  const name = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
  const extra = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
  const stack = err ? `\n${err.stack ?? err.message ?? JSON.stringify(err)}` : '';
  return `${(name[level] ?? String(level)).padEnd(5)} ${msg}${extra}${stack}`;
}
