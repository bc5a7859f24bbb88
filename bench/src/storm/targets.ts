// The two servers a storm kills and restarts on the same port: the chat server on the same
// storage and secret (PGlite on disk or PostgreSQL), and the relay (nothing to keep).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type RunningChatServer, startChatServer } from '../load/chat-server-process';
import { endProcess } from '../load/processes';
import { type RunningRelay, startRelay } from '../load/relay-process';

/** A restarted server's process, known before it answers. */
export interface SpawnedServer {
  pid: number | undefined;
  kill(): Promise<void>;
}

/** One incarnation of a target: what a storm needs to kill it and start it again. */
export interface StormServer {
  url: string;
  pid: number | undefined;
  jwtSecret?: string;
  /** Whether it answers `GET /healthz` (the relay does not). */
  hasHealthz: boolean;
  /** Where its event-loop delay is written (the chat server only). */
  loopDelayFile?: string;
  kill(): Promise<void>;
  stop(): Promise<void>;
  /**
   * A new incarnation on the same port (and storage); `onSpawn` is told its process at once, and
   * the promise resolves once it answers `/healthz` (the relay: once it listens).
   */
  restart(onSpawn: (spawned: SpawnedServer) => void): Promise<StormServer>;
}

const preload = pathToFileURL(path.join(import.meta.dirname, 'loop-delay-preload.mjs')).href;
/**
 * A restarted chat server may take long to answer `/healthz` under the storm (its event loop
 * starved): that is measured, not a failure, so its start is given far longer than the storm.
 */
const RESTART_HEALTH_TIMEOUT_MS = 10 * 60_000;

export interface ChatServerTarget {
  storageEnv: Record<string, string>;
  tmpDir: string;
}

export async function startStormChatServer(target: ChatServerTarget): Promise<StormServer> {
  let incarnation = 0;
  const start = async (
    restartOf?: RunningChatServer,
    onSpawn?: (spawned: SpawnedServer) => void,
  ): Promise<StormServer> => {
    incarnation += 1;
    const loopDelayFile = path.join(target.tmpDir, `loop-delay-${incarnation}.log`);
    const server = await startChatServer({
      storageEnv: target.storageEnv,
      uploadDir: path.join(target.tmpDir, 'uploads'),
      logFile: path.join(target.tmpDir, 'chat-server.log'),
      execArgv: ['--import', preload],
      env: { BENCH_LOOP_DELAY_FILE: loopDelayFile },
      ...(restartOf
        ? {
            port: Number(new URL(restartOf.url).port),
            jwtSecret: restartOf.jwtSecret,
            startTimeoutMs: RESTART_HEALTH_TIMEOUT_MS,
          }
        : {}),
      onSpawn: (child) => onSpawn?.({ pid: child.pid, kill: () => endProcess(child, 'SIGKILL') }),
    });
    return {
      url: server.url,
      pid: server.pid,
      jwtSecret: server.jwtSecret,
      hasHealthz: true,
      loopDelayFile,
      kill: () => server.kill(),
      stop: () => server.stop(),
      restart: (next) => start(server, next),
    };
  };
  return start();
}

export async function startStormRelay(): Promise<StormServer> {
  const wrap = (relay: RunningRelay): StormServer => ({
    url: relay.url,
    pid: relay.pid,
    hasHealthz: false,
    kill: () => relay.kill(),
    stop: () => relay.stop(),
    restart: async (onSpawn) => {
      // The relay answers as soon as it listens: its process is known by then.
      const next = await startRelay({ port: Number(new URL(relay.url).port) });
      onSpawn({ pid: next.pid, kill: () => next.kill() });
      return wrap(next);
    },
  });
  return wrap(await startRelay());
}
