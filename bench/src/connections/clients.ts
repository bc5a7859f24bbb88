// The client side of the connections benchmark: worker processes that each hold a share of the
// sockets, so the clients never share an event loop (or a CPU budget) with the server.
import { type ChildProcess, fork } from 'node:child_process';
import { checkLoopback } from '../load/plan';
import {
  TS_EXEC_ARGV,
  allAnswers,
  benchDir,
  endProcess,
  nextMessage,
  replyOfType,
  track,
} from '../load/processes';
import type { TargetKind } from '../load/types';
import {
  type AcceptResult,
  type ClientConnect,
  type ClientSetup,
  isClientReport,
} from './messages';

const workerEntry = new URL('./client-worker.ts', import.meta.url);
/** Room for a worker's own start (tsx compiles on the fly) and its warm-up handshake. */
const SETUP_TIMEOUT_MS = 60_000;
/** How far ahead of now the connect phase starts, so every worker has the message in time. */
const START_DELAY_MS = 300;

export interface ClientTarget {
  kind: TargetKind;
  url: string;
  jwtSecret?: string;
}

export interface ClientsPlan {
  workers: number;
  /** Handshakes in flight at once per worker. */
  concurrency: number;
  /** Connecting every socket must fit in this, ms. */
  connectTimeoutMs: number;
}

export interface Accepted {
  /** One result per worker. */
  results: AcceptResult[];
  /** Wall clock the connect phase started at, epoch ms. */
  startedEpochMs: number;
}

export interface Clients {
  /** Opens every socket at once over the workers; resolves when all are in (or failed). */
  connect(): Promise<Accepted>;
  /** Closes the sockets; resolves with how many dropped while idle. */
  close(): Promise<number>;
  /** Ends every worker (also after a failure). */
  end(): Promise<void>;
}

/** User ids of `count` sockets dealt over `workers` in contiguous shares. */
export function shareUsers(runTag: string, count: number, workers: number): string[][] {
  return Array.from({ length: workers }, (_, worker) => {
    const from = Math.floor((count * worker) / workers);
    const to = Math.floor((count * (worker + 1)) / workers);
    return Array.from({ length: to - from }, (_, i) => `${runTag}-u${from + i}`);
  });
}

/** Forks the workers and sets them up (tokens minted, one warm-up handshake each). */
export async function startClients(
  target: ClientTarget,
  sockets: number,
  runTag: string,
  plan: ClientsPlan,
): Promise<Clients> {
  checkLoopback(target.url);
  const shares = shareUsers(runTag, sockets, plan.workers).filter((ids) => ids.length > 0);
  const workers: ChildProcess[] = shares.map(() =>
    track(
      fork(workerEntry, [], {
        cwd: benchDir,
        execArgv: TS_EXEC_ARGV,
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    ),
  );
  const end = () => Promise.all(workers.map((w) => endProcess(w, 'SIGTERM', 5_000))).then(() => {});
  try {
    const ready = workers.map((w) =>
      nextMessage(w, replyOfType(isClientReport, 'ready'), SETUP_TIMEOUT_MS, 'set-up'),
    );
    workers.forEach((worker, i) => {
      const setup: ClientSetup = {
        type: 'setup',
        target: target.kind,
        url: target.url,
        ...(target.jwtSecret ? { jwtSecret: target.jwtSecret } : {}),
        userIds: shares[i] ?? [],
        warmUpUserId: `${runTag}-warm${i}`,
        concurrency: plan.concurrency,
        deadline: Date.now() + SETUP_TIMEOUT_MS,
      };
      worker.send(setup);
    });
    await allAnswers(ready);
  } catch (error) {
    await end();
    throw error;
  }
  return {
    async connect() {
      const startedEpochMs = Date.now() + START_DELAY_MS;
      const waitMs = START_DELAY_MS + plan.connectTimeoutMs + 10_000;
      const done = workers.map((w) =>
        nextMessage(w, replyOfType(isClientReport, 'connected'), waitMs, 'connect'),
      );
      const message: ClientConnect = {
        type: 'connect',
        atEpochMs: startedEpochMs,
        deadline: startedEpochMs + plan.connectTimeoutMs,
      };
      for (const worker of workers) worker.send(message);
      const answers = await allAnswers(done);
      return { results: answers.map((answer) => answer.result), startedEpochMs };
    },
    async close() {
      const closed = workers.map((w) =>
        nextMessage(w, replyOfType(isClientReport, 'closed'), 30_000, 'close'),
      );
      for (const worker of workers) worker.send({ type: 'close' });
      const answers = await allAnswers(closed);
      return answers.reduce((sum, answer) => sum + answer.disconnects, 0);
    },
    end,
  };
}
