// IPC between the bystander benchmark (parent), its bystander workers and its flooder.
import type { Load } from '../load/types';
import type { WorkerResult } from '../load/worker-messages';

/** Connects a share of the chatting pairs (both users of each); answers `ready`. */
export interface BystanderSetup {
  type: 'setup';
  url: string;
  jwtSecret: string;
  load: Load;
  pairs: number[];
  runTag: string;
  /** Epoch ms: every pair must be connected, its conversation open, by then. */
  deadline: number;
}

/** Runs the whole schedule once, from `atEpochMs`; answers `result`. Phases reuse the pairs. */
export interface BystanderPhase {
  type: 'phase';
  /** Part of every message key, so a late delivery from one phase never counts in the next. */
  phase: string;
  atEpochMs: number;
  drainMs: number;
}

export type BystanderCommand = BystanderSetup | BystanderPhase;

export type BystanderReport =
  | { type: 'ready' }
  | { type: 'result'; result: WorkerResult }
  | { type: 'failed'; message: string };

/** Which abuse a flood is: schema-valid sends, or payloads the server must refuse. */
export type FloodKind = 'invalid' | 'valid';

/** Connects one flooding user (and the peer its conversation is with) per kind; answers `ready`. */
export interface FlooderSetup {
  type: 'setup';
  url: string;
  jwtSecret: string;
  runTag: string;
  kinds: FloodKind[];
  /** Requests kept unanswered at once: a new one goes out as each answer comes back. */
  window: number;
  deadline: number;
}

export interface FlooderStart {
  type: 'start';
  kind: FloodKind;
  atEpochMs: number;
}

/** Stops sending, waits for what is still unanswered (a while at most), answers `flooded`. */
export interface FlooderStop {
  type: 'stop';
}

export type FlooderCommand = FlooderSetup | FlooderStart | FlooderStop;

export interface FloodResult {
  kind: FloodKind;
  window: number;
  sent: number;
  /** Answers by code: `ok`, or the `error.code` of a refusal (INVALID, RATE_LIMITED, INTERNAL…). */
  answers: Record<string, number>;
  /** Sent but not answered by the time the flooder gave up waiting. */
  unanswered: number;
  /** Answers by payload shape, then code: which abuse the server answers how. */
  byPayload: Record<string, Record<string, number>>;
  /** From the first send to the stop, ms. */
  durationMs: number;
  /** CPU time of the flooder's process over the flood, ms. */
  cpuMs: number;
  disconnects: number;
}

export type FlooderReport =
  | { type: 'ready' }
  | { type: 'flooded'; result: FloodResult }
  | { type: 'failed'; message: string };

function typeOf(message: unknown): string | undefined {
  const type = (message as { type?: unknown } | null)?.type;
  return typeof type === 'string' ? type : undefined;
}

function oneOf<T>(types: readonly string[]) {
  return (message: unknown): message is T => types.includes(typeOf(message) ?? '');
}

export const isBystanderCommand = oneOf<BystanderCommand>(['setup', 'phase']);
export const isBystanderReport = oneOf<BystanderReport>(['ready', 'result', 'failed']);
export const isFlooderCommand = oneOf<FlooderCommand>(['setup', 'start', 'stop']);
export const isFlooderReport = oneOf<FlooderReport>(['ready', 'flooded', 'failed']);
