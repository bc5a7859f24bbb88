// The reference chat server as a child process, built, as production runs it (`pnpm start`:
// node examples/server/dist/main.js; `pnpm bench` builds it first), with settings for a
// benchmark: test mode (production's behaviour: no demo seed, no dev routes) with
// CONVERSATION_POLICY=open, which production refuses, so that the benchmark's users may open
// conversations with each other rather than only about the demo listings; its own HS256 secret,
// logs at warn, and a per-user message limit high enough not to shape the load.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from './free-port';
import { endProcess, isRunning, track } from './processes';
import type { RunningTarget } from './relay-process';

const serverDir = path.resolve(import.meta.dirname, '../../../examples/server');
const entry = path.join(serverDir, 'dist/main.js');

/** The built server's entry; throws, saying how to build it, when it is missing. */
export function builtServerEntry(file: string = entry): string {
  if (!existsSync(file)) {
    throw new Error(
      `${file} is missing: the benchmarks run the built server. Run \`pnpm bench\` from the ` +
        `repository's root (it builds first), or \`pnpm turbo run build --filter=@causette/bench...\`.`,
    );
  }
  return file;
}

/** A fresh PGlite runs initdb in WebAssembly: seconds, more on a loaded machine. */
const START_TIMEOUT_MS = 120_000;
/** SIGTERM lets the server drain for SHUTDOWN_TIMEOUT_MS; an overloaded one is killed after this. */
const STOP_GRACE_MS = 5_000;

/** The server's per-user message budget per window: far above what one benchmark user sends. */
export const RATE_LIMIT_MESSAGES = 10_000;

/**
 * Server settings and runner variables the child must not inherit from the benchmark's shell: the
 * server runs on its defaults but for the settings below, whatever the shell exports.
 */
const inheritedOut =
  /^(NODE_ENV|NODE_OPTIONS|PORT|HOST|PUBLIC_URL|DATABASE_URL|PGLITE_DIR|REDIS_URL|ALLOWED_ORIGINS|LOG_LEVEL|SHUTDOWN_TIMEOUT_MS|CONVERSATION_POLICY|MAX_[A-Z]+_REQUESTS|(JWT|CLOUDINARY|UPLOAD|VAPID|RATE_LIMIT|SOCKET_PING|VITEST|VITE)_.*|VITEST)$/;

function childEnv(settings: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!inheritedOut.test(key)) env[key] = value;
  }
  return { ...env, ...settings };
}

function logTail(logFile: string, lines = 20): string {
  try {
    return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export interface RunningChatServer extends RunningTarget {
  /** The HS256 secret its tokens must be signed with. */
  jwtSecret: string;
  logFile: string;
  /** The server's process id (for /proc/<pid>/status), when the spawn gave one. */
  pid: number | undefined;
  /** Ends it at once with SIGKILL, as a crash would (no drain); resolves once it is gone. */
  kill(): Promise<void>;
}

export interface ChatServerStart {
  /** `PGLITE_DIR` or `DATABASE_URL`. */
  storageEnv: Record<string, string>;
  /** Where uploads would go (none are made; the server wants a folder). */
  uploadDir: string;
  logFile: string;
  /** A port of 127.0.0.1 to bind (a restart on the same port); a free one by default. */
  port?: number;
  /** The HS256 secret (a restart that must accept the tokens of the first run); fresh by default. */
  jwtSecret?: string;
  /** More node options before the entry (e.g. `--import` of a preload). */
  execArgv?: string[];
  /** More variables for the server's environment. */
  env?: Record<string, string>;
  /**
   * The per-user message budget (`RATE_LIMIT_MESSAGES`): {@link RATE_LIMIT_MESSAGES} when unset,
   * so the limit does not shape a load; `'server-default'` keeps the server's own limit, for a
   * benchmark that wants to see the limiter work.
   */
  rateLimitMessages?: number | 'server-default';
  /** Called with the child as soon as it is spawned, before it is healthy (to watch or end it). */
  onSpawn?: (child: ChildProcess) => void;
  /** How long it may take to answer `/healthz` (START_TIMEOUT_MS by default). */
  startTimeoutMs?: number;
}

/** Starts the server on a free port of 127.0.0.1 and resolves once `/healthz` answers 200. */
export async function startChatServer(options: ChatServerStart): Promise<RunningChatServer> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  // A secret of the run's own rather than the public development one.
  const jwtSecret = options.jwtSecret ?? randomBytes(32).toString('base64url');
  const settings: Record<string, string> = {
    ...options.env,
    ...options.storageEnv,
    NODE_ENV: 'test',
    CONVERSATION_POLICY: 'open',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: url,
    ALLOWED_ORIGINS: url,
    JWT_SECRET: jwtSecret,
    UPLOAD_DIR: options.uploadDir,
    SHUTDOWN_TIMEOUT_MS: '2000',
    LOG_LEVEL: 'warn',
  };
  const rateLimit = options.rateLimitMessages ?? RATE_LIMIT_MESSAGES;
  if (rateLimit !== 'server-default') settings.RATE_LIMIT_MESSAGES = String(rateLimit);
  const fd = openSync(options.logFile, 'a');
  let child;
  try {
    child = track(
      spawn(
        process.execPath,
        [...serverNodeOptions(), ...(options.execArgv ?? []), builtServerEntry()],
        {
          cwd: serverDir,
          env: childEnv(settings),
          stdio: ['ignore', fd, fd],
        },
      ),
    );
  } finally {
    closeSync(fd);
  }
  const started = child;
  options.onSpawn?.(started);
  try {
    await waitHealthy(
      url,
      () => isRunning(started),
      options.logFile,
      options.startTimeoutMs ?? START_TIMEOUT_MS,
    );
  } catch (error) {
    await endProcess(started, 'SIGKILL');
    throw error;
  }
  return {
    url,
    jwtSecret,
    logFile: options.logFile,
    pid: started.pid,
    stop: () => endProcess(started, 'SIGTERM', STOP_GRACE_MS),
    kill: () => endProcess(started, 'SIGKILL'),
  };
}

/**
 * The node options the environment adds to every chat server a benchmark starts:
 * `BENCH_CPU_PROFILE_DIR=dir` writes a V8 CPU profile of each run there (open it in Chrome's
 * DevTools or speedscope), to see where the server's time goes at a load;
 * `BENCH_SERVER_IMPORT=file` preloads that module into the server (`--import`), to count or
 * trace from inside (the server's own environment is built from settings, and `NODE_OPTIONS` is
 * not passed on).
 */
export function serverNodeOptions(env: NodeJS.ProcessEnv = process.env): string[] {
  const dir = env.BENCH_CPU_PROFILE_DIR;
  const preload = env.BENCH_SERVER_IMPORT;
  return [
    ...(preload ? ['--import', path.resolve(preload)] : []),
    ...(dir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(dir)}`] : []),
  ];
}

async function waitHealthy(
  url: string,
  running: () => boolean,
  logFile: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!running()) {
      throw new Error(`The chat server exited before it was healthy. Log:\n${logTail(logFile)}`);
    }
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      throw new Error(`The chat server was not healthy after ${timeoutMs} ms.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
