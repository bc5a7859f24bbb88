// IPC between the storm benchmark (parent) and its client workers.
import type { AttemptErrors } from './back-tracker';
import type { StormTarget } from './types';

/** Everything a worker needs to connect its pairs; it answers `ready` or `failed`. */
export interface SetupMessage {
  type: 'setup';
  target: StormTarget;
  url: string;
  /** The HS256 secret of the chat server's tokens (the relay has no auth). */
  jwtSecret?: string;
  /** The global pair numbers this worker holds (both users of each). */
  pairs: number[];
  /** Unique per series: user ids never repeat across runs on the same storage. */
  runTag: string;
  deadlineEpochMs: number;
}

/** The server was killed: wait for every client to notice, queue the offline messages, answer `queued`. */
export interface DownMessage {
  type: 'down';
  deadlineEpochMs: number;
}

/**
 * The server answers again: once every client is back, or at `drainEpochMs` (past the bound, so
 * that a straggler's messages are told from lost ones), answer `result`.
 */
export interface RestartedMessage {
  type: 'restarted';
  drainEpochMs: number;
}

export type ParentMessage = SetupMessage | DownMessage | RestartedMessage;

export interface WorkerStormResult {
  /** Per client, when its socket was connected again (epoch ms), null: never. */
  connectedAt: (number | null)[];
  /** Per client, when it was back: connected and holding every expected message (epoch ms). */
  backAt: (number | null)[];
  expected: number;
  lost: number;
  doubled: number;
  unsent: number;
  /** Clients not back at the end of the drain: never reconnected / reconnected but missing messages. */
  notReconnected: number;
  reconnectedMissing: number;
  /** A few of those clients' states, to tell why. */
  stragglers: string[];
  attemptErrors: AttemptErrors;
  /** CPU time of the worker from the kill to the result, ms. */
  cpuMs: number;
}

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'queued'; stillConnected: number; queued: number }
  | { type: 'result'; result: WorkerStormResult }
  | { type: 'failed'; message: string };

export function isParentMessage(message: unknown): message is ParentMessage {
  const type = (message as { type?: unknown } | null)?.type;
  return type === 'setup' || type === 'down' || type === 'restarted';
}

export function isWorkerMessage(message: unknown): message is WorkerMessage {
  const type = (message as { type?: unknown } | null)?.type;
  return type === 'ready' || type === 'queued' || type === 'result' || type === 'failed';
}
