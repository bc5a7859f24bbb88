// IPC between the connections benchmark (parent) and its client workers.
import type { TargetKind } from '../load/types';

/** Everything a worker needs before the timed phase: it mints tokens and warms up, then `ready`. */
export interface ClientSetup {
  type: 'setup';
  target: TargetKind;
  url: string;
  /** The HS256 secret for the chat server's tokens (the relay has no auth). */
  jwtSecret?: string;
  /** One socket per user id, each a different user. */
  userIds: string[];
  /** A user of its own for the warm-up socket, opened and closed before anything is measured. */
  warmUpUserId: string;
  /** Handshakes this worker has in flight at once. */
  concurrency: number;
  /** Epoch ms: the warm-up socket must be connected by then. */
  deadline: number;
}

/** Opens every socket from `atEpochMs` on (wall clock; each worker waits for it itself). */
export interface ClientConnect {
  type: 'connect';
  atEpochMs: number;
  /** Epoch ms: a socket not connected by then counts as failed. */
  deadline: number;
}

/** Closes every socket; the worker answers `closed` and exits. */
export interface ClientClose {
  type: 'close';
}

export type ClientCommand = ClientSetup | ClientConnect | ClientClose;

export interface AcceptResult {
  connected: number;
  /** Sockets that could not connect before the deadline. */
  failed: number;
  /** From a socket's first connect() to its `connect` event, retries included, ms. */
  latenciesMs: number[];
  /** connect_error events by code (the handshake's `err.data.code`) or message. */
  connectErrors: Record<string, number>;
  /** Wall clock of the last `connect`, epoch ms. */
  lastConnectedEpochMs: number;
  /** CPU time of this worker over the connect phase, ms. */
  cpuMs: number;
}

export type ClientReport =
  | { type: 'ready' }
  | { type: 'connected'; result: AcceptResult }
  | { type: 'closed'; disconnects: number }
  | { type: 'failed'; message: string };

const COMMANDS = new Set(['setup', 'connect', 'close']);
const REPORTS = new Set(['ready', 'connected', 'closed', 'failed']);

function typeOf(message: unknown): unknown {
  return (message as { type?: unknown } | null)?.type;
}

export function isClientCommand(message: unknown): message is ClientCommand {
  return COMMANDS.has(typeOf(message) as string);
}

export function isClientReport(message: unknown): message is ClientReport {
  return REPORTS.has(typeOf(message) as string);
}
