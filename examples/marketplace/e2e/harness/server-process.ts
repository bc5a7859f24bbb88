// One run of the reference server as a child process: spawn it, wait for /healthz, end it.
import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, closeSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The reference server's package folder (its cwd) and entry point, run from the sources. */
export const serverDir = path.resolve(import.meta.dirname, '../../../server');
const entry = path.join(serverDir, 'src/main.ts');

/** Settings the server reads, and runner variables, that the child must not inherit from ours. */
const inheritedOut =
  /^(NODE_ENV|NODE_OPTIONS|PORT|HOST|PUBLIC_URL|DATABASE_URL|PGLITE_DIR|REDIS_URL|ALLOWED_ORIGINS|LOG_LEVEL|SHUTDOWN_TIMEOUT_MS|CONVERSATION_POLICY|(JWT|CLOUDINARY|UPLOAD|VAPID|RATE_LIMIT|SOCKET_PING|VITEST|VITE)_.*|VITEST)$/;

/** The child's environment: ours (PATH, HOME, TMPDIR, ...) without the above, plus `settings`. */
function childEnv(settings: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!inheritedOut.test(key)) env[key] = value;
  }
  return { ...env, ...settings };
}

/** Adds a line to the log file (the child appends to the same file, also with O_APPEND). */
export function logLine(logFile: string, text: string): void {
  appendFileSync(logFile, `\n===== ${new Date().toISOString()} ${text} =====\n`);
}

/** Starts the server with its stdout and stderr appended to `logFile`. */
export function spawnServer(settings: Record<string, string>, logFile: string): ChildProcess {
  const fd = openSync(logFile, 'a');
  try {
    const child = spawn(
      process.execPath,
      ['--conditions=@causette/source', '--import', 'tsx', entry],
      { cwd: serverDir, env: childEnv(settings), stdio: ['ignore', fd, fd] },
    );
    child.once('exit', (code, signal) =>
      logLine(logFile, `server pid ${child.pid} exited (code ${code}, signal ${signal})`),
    );
    return child;
  } finally {
    // The child has its own copy of the descriptor.
    closeSync(fd);
  }
}

/** Whether the process is still running (not exited, not killed by a signal). */
export function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** Resolves when the child has exited (at once if it already has). */
export function exited(child: ChildProcess): Promise<void> {
  if (!isRunning(child)) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Sends `signal`; after `graceMs` without an exit, SIGKILL. Resolves once the process is gone. */
export async function endProcess(
  child: ChildProcess,
  signal: NodeJS.Signals,
  graceMs = 0,
): Promise<void> {
  if (!isRunning(child)) return;
  const gone = exited(child);
  child.kill(signal);
  if (signal === 'SIGKILL') return gone;
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  try {
    await gone;
  } finally {
    clearTimeout(timer);
  }
}

/** The last `lines` lines of the log, for error messages. */
function logTail(logFile: string, lines = 30): string {
  try {
    return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Polls `GET /healthz` until it answers 200; fails early when the process exits. */
export async function waitHealthy(
  url: string,
  child: ChildProcess,
  logFile: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!isRunning(child)) {
      throw new Error(
        `The chat server exited before it was healthy (code ${child.exitCode}, signal ${child.signalCode}). Log:\n${logTail(logFile)}`,
      );
    }
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      throw new Error(
        `The chat server was not healthy after ${timeoutMs} ms. Log:\n${logTail(logFile)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
