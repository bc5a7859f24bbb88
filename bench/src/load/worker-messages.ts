// IPC between the benchmark (parent) and its generator workers.
import type { TallySummary } from './tally';
import type { Load, TargetKind } from './types';

/** Everything a worker needs to connect its pairs; it answers `ready` or `failed`. */
export interface SetupMessage {
  type: 'setup';
  target: TargetKind;
  url: string;
  /** The HS256 secret for the chat server's tokens (the relay has no auth). */
  jwtSecret?: string;
  load: Load;
  /** The global pair numbers this worker holds (both users of each). */
  pairs: number[];
  /** Unique per series: user ids and message keys never repeat across runs. */
  runTag: string;
  setupTimeoutMs: number;
  drainMs: number;
  /** Whether a send refused as transient is retried (chat server only). */
  retryRefused: boolean;
}

/** Starts the schedule at `atEpochMs` (wall clock; each worker converts it to its own clock once). */
export interface StartMessage {
  type: 'start';
  atEpochMs: number;
}

export type ParentMessage = SetupMessage | StartMessage;

export interface WorkerResult extends TallySummary {
  disconnects: number;
  /** CPU time (user + system) over the measured phase, ms. */
  cpuMs: number;
  /** Wall time of the measured phase, ms. */
  wallMs: number;
}

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'result'; result: WorkerResult }
  | { type: 'failed'; message: string };

export function isParentMessage(message: unknown): message is ParentMessage {
  const type = (message as { type?: unknown } | null)?.type;
  return type === 'setup' || type === 'start';
}

export function isWorkerMessage(message: unknown): message is WorkerMessage {
  const type = (message as { type?: unknown } | null)?.type;
  return type === 'ready' || type === 'result' || type === 'failed';
}
