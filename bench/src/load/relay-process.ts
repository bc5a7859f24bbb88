import { fork } from 'node:child_process';
import path from 'node:path';
import type { RelayListening } from './relay-events';
import { TS_EXEC_ARGV, benchDir, endProcess, nextMessage, track } from './processes';

const entry = path.join(import.meta.dirname, 'relay-server.ts');
const START_TIMEOUT_MS = 30_000;

export interface RunningTarget {
  url: string;
  stop(): Promise<void>;
}

export interface RelayStart {
  /** A port of 127.0.0.1 to bind (a restart on the same port); a free one by default. */
  port?: number;
  /** More node options before the entry (e.g. `--expose-gc`, `--import` of a preload). */
  execArgv?: string[];
  /** More variables for the relay's environment. */
  env?: Record<string, string>;
}

export interface RunningRelay extends RunningTarget {
  pid: number | undefined;
  /** Ends it at once with SIGKILL, as a crash would; resolves once it is gone. */
  kill(): Promise<void>;
}

function isListening(message: unknown): RelayListening | undefined {
  const candidate = message as Partial<RelayListening> | null;
  return candidate?.type === 'listening' && typeof candidate.port === 'number'
    ? (candidate as RelayListening)
    : undefined;
}

/**
 * Forks the relay on 127.0.0.1 and a free port (it binds port 0 and reports the one it got), or on
 * `options.port` (a restart on the same port).
 */
export async function startRelay(options: RelayStart = {}): Promise<RunningRelay> {
  const child = track(
    fork(entry, options.port === undefined ? [] : [String(options.port)], {
      cwd: benchDir,
      execArgv: [...TS_EXEC_ARGV, ...(options.execArgv ?? [])],
      ...(options.env ? { env: { ...process.env, ...options.env } } : {}),
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  try {
    const { port } = await nextMessage(child, isListening, START_TIMEOUT_MS, 'relay start');
    return {
      url: `http://127.0.0.1:${port}`,
      pid: child.pid,
      stop: () => endProcess(child),
      kill: () => endProcess(child, 'SIGKILL'),
    };
  } catch (error) {
    await endProcess(child, 'SIGKILL');
    throw error;
  }
}
