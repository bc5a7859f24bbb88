import type { AckOutcome } from './tally';

/** What a pair reports to the worker's tally. */
export interface PairHooks {
  /** A peer received message `key`, at `atMs` on this process's clock (performance.now()). */
  onReceive(key: string, atMs: number): void;
  /** The final answer to message `key` (a refusal that is retried is not one). */
  onAck(key: string, outcome: AckOutcome): void;
  /** Message `key` was refused (`UNAVAILABLE`, `RATE_LIMITED`) and will be sent again. */
  onRefused(key: string): void;
  /** Any socket of the pair lost its connection (socket.io reconnects it by itself). */
  onDisconnect(): void;
}

/** Two connected users, ready to message each other. */
export interface PairLink {
  send(fromA: boolean, key: string): void;
  close(): void;
}

/** Connects pair number `pair` before `deadline` (epoch ms). */
export type OpenPair = (pair: number, deadline: number) => Promise<PairLink>;

/** The users of a pair: ids unique to the series, so runs never share a user. */
export function pairUserIds(runTag: string, pair: number): [string, string] {
  return [`${runTag}-${pair}a`, `${runTag}-${pair}b`];
}

/** The text every benchmark message carries: short, like a chat line. */
export function messageContent(key: string): string {
  return `Benchmark message ${key}, hello!`;
}

/** An ack, as either server answers, turned into what the tally counts. */
export function ackOutcome(answer: unknown): AckOutcome {
  const ack = answer as { ok?: unknown; error?: { code?: unknown } } | null;
  if (ack?.ok === true) return { ok: true };
  const code = ack?.error?.code;
  return { ok: false, code: typeof code === 'string' ? code : 'MALFORMED_ACK' };
}

/** What `setUpPair` needs of a socket.io-client socket. */
export interface PairSocket {
  close(): unknown;
  on(event: 'disconnect', listener: () => void): unknown;
}

/**
 * Runs a pair's set-up (connecting, opening its conversation): on failure both sockets are closed
 * so nothing outlives the error; once set up, their disconnects count. Returns the pair's link.
 */
export async function setUpPair(
  sockets: readonly PairSocket[],
  setUp: () => Promise<(fromA: boolean, key: string) => void>,
  hooks: PairHooks,
): Promise<PairLink> {
  const closeAll = () => {
    for (const socket of sockets) socket.close();
  };
  let send;
  try {
    send = await setUp();
  } catch (error) {
    closeAll();
    throw error;
  }
  for (const socket of sockets) socket.on('disconnect', () => hooks.onDisconnect());
  return { send, close: closeAll };
}
