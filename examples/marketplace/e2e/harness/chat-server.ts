// The reference server for a whole e2e run, as a real child process that tests can kill (SIGKILL),
// restart on the same port and data, or stop gracefully.
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import webPush from 'web-push';
import { createRunDatabase } from './database';
import { freePort } from './ports';
import { endProcess, isRunning, logLine, spawnServer, waitHealthy } from './server-process';

/** How long a start may take: a fresh PGlite runs initdb in WebAssembly (seconds, more on a slow machine). */
const START_TIMEOUT_MS = 180_000;
/** How long `stop()` waits after SIGTERM before SIGKILL. */
const STOP_GRACE_MS = 10_000;

export interface ChatServerOptions {
  /** Folder of the run's artifacts; the server's output is appended to `<outputDir>/server.log`. */
  outputDir: string;
  /** Port to listen on (a free one by default). */
  port?: number;
}

export interface ChatServer {
  /** e.g. `http://127.0.0.1:41234`; the same after every restart. */
  url: string;
  port: number;
  /** `<outputDir>/server.log`: every start's output, after a marker line. */
  logFile: string;
  /** SIGKILL, then waits for the exit. Nothing to do when it is not running. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data and waits for /healthz (SIGKILLs a running one first). */
  restart(): Promise<void>;
  /** SIGTERM (the server drains), SIGKILL after 10 s; waits for the exit. `restart()` still works. */
  stop(): Promise<void>;
  /** Stops it and deletes its data (temp folder, PostgreSQL database). The end of the run. */
  dispose(): Promise<void>;
  /** The log so far. */
  log(): string;
}

/**
 * Starts the reference server in development mode (demo users and conversations seeded,
 * `POST /auth/dev-login` on), on PGlite in a temp folder, or on a fresh database of the PostgreSQL
 * server named by `DATABASE_URL` when it is set. Resolves once `GET /healthz` answers 200.
 */
export async function startChatServer(options: ChatServerOptions): Promise<ChatServer> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  mkdirSync(options.outputDir, { recursive: true });
  const logFile = path.join(options.outputDir, 'server.log');
  const tmpDir = mkdtempSync(path.join(os.tmpdir(), 'causette-e2e-'));
  const database = await createRunDatabase(tmpDir, process.env.DATABASE_URL || undefined).catch(
    (error: unknown) => {
      rmSync(tmpDir, { recursive: true, force: true });
      throw error;
    },
  );
  // One key pair for the whole run: push subscriptions made before a restart stay valid after it.
  const vapid = webPush.generateVAPIDKeys();
  const settings: Record<string, string> = {
    ...database.env,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    UPLOAD_DIR: path.join(tmpDir, 'uploads'),
    RATE_LIMIT_MESSAGES: '10000',
    SHUTDOWN_TIMEOUT_MS: '2000',
    VAPID_PUBLIC_KEY: vapid.publicKey,
    VAPID_PRIVATE_KEY: vapid.privateKey,
    VAPID_SUBJECT: 'mailto:e2e@example.com',
    LOG_LEVEL: process.env.E2E_SERVER_LOG_LEVEL || 'info',
  };

  let child: ChildProcess | undefined;
  let starts = 0;
  // Never leave a server behind, even when the runner exits without a teardown (SIGTERM, a
  // crash); its PGlite folder goes too (a PostgreSQL database cannot be dropped synchronously).
  const killOnExit = () => {
    if (child && isRunning(child)) child.kill('SIGKILL');
    rmSync(tmpDir, { recursive: true, force: true });
  };
  process.on('exit', killOnExit);

  const start = async () => {
    starts++;
    logLine(logFile, `start #${starts} on ${url}, ${database.description}`);
    const begun = performance.now();
    const started = spawnServer(settings, logFile);
    child = started;
    try {
      await waitHealthy(url, started, logFile, START_TIMEOUT_MS);
      logLine(
        logFile,
        `start #${starts}: healthy after ${Math.round(performance.now() - begun)} ms`,
      );
    } catch (error) {
      await endProcess(started, 'SIGKILL');
      throw error;
    }
  };
  const kill = async () => {
    if (child) await endProcess(child, 'SIGKILL');
  };
  const stop = async () => {
    if (child) await endProcess(child, 'SIGTERM', STOP_GRACE_MS);
  };
  const cleanUp = async () => {
    process.off('exit', killOnExit);
    await database.drop();
    rmSync(tmpDir, { recursive: true, force: true });
  };

  try {
    await start();
  } catch (error) {
    await cleanUp();
    throw error;
  }
  return {
    url,
    port,
    logFile,
    kill,
    async restart() {
      await kill();
      await start();
    },
    stop,
    async dispose() {
      await stop();
      await cleanUp();
    },
    log: () => readFileSync(logFile, 'utf8'),
  };
}
