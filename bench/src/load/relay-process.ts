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

function isListening(message: unknown): RelayListening | undefined {
  const candidate = message as Partial<RelayListening> | null;
  return candidate?.type === 'listening' && typeof candidate.port === 'number'
    ? (candidate as RelayListening)
    : undefined;
}

/** Forks the relay on 127.0.0.1 and a free port (it binds port 0 and reports the one it got). */
export async function startRelay(): Promise<RunningTarget> {
  const child = track(
    fork(entry, [], {
      cwd: benchDir,
      execArgv: TS_EXEC_ARGV,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  try {
    const { port } = await nextMessage(child, isListening, START_TIMEOUT_MS, 'relay start');
    return { url: `http://127.0.0.1:${port}`, stop: () => endProcess(child) };
  } catch (error) {
    await endProcess(child, 'SIGKILL');
    throw error;
  }
}
