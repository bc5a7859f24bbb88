import type { BackoffOptions } from '../backoff';
import type { ChatError } from '../errors';
import type { SocketOptions, SocketTransport } from '../socket/types';

/** Where the connection stands. */
export type ConnectionStatus =
  'idle' | 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'unauthorized';

/** The subset of `console` the SDK logs to. */
export interface Logger {
  debug(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

/** Options of a {@link Connection}. */
export interface ConnectionOptions {
  /** Server origin, e.g. `https://chat.example.com`. */
  url: string;
  /** Called before every connection attempt; must return a fresh JWT. */
  getToken: () => string | Promise<string>;
  /** How to reach the socket.io endpoint: path, query, extra `auth`, timeout. */
  socketOptions?: SocketOptions;
  /** Opens each socket unless `socketOptions.transport` says otherwise (the entry's default). */
  defaultTransport: SocketTransport;
  /** How long `request()` waits for an ack by default. Default 10 000 ms. */
  requestTimeoutMs?: number;
  /**
   * How long an attempt waits for `getToken()` (a hung refresh must not stall the connection
   * forever). Default 30 000 ms.
   */
  tokenTimeoutMs?: number;
  /** Backoff jitter source in [0, 1). Default `Math.random`. */
  random?: () => number;
  /** Reconnect backoff bounds. Default: the protocol's 0.5 s to 5 s. */
  backoff?: BackoffOptions;
  /** Where to log. Default: nothing is logged. */
  logger?: Logger;
}

/** An immutable picture of the connection, replaced (never mutated) on every change. */
export interface ConnectionSnapshot {
  status: ConnectionStatus;
  /** Failed attempts since the last successful connect. */
  attempt: number;
  /** Why the last attempt failed or the last connection dropped; cleared on connect. */
  lastError?: ChatError;
  /** When the pending retry fires (epoch ms), while waiting in backoff. */
  nextRetryAt?: number;
}

/** Per-request options of `Connection.request()`. */
export interface RequestOptions {
  /** Overrides the connection's `requestTimeoutMs`. */
  timeoutMs?: number;
  /** Aborting rejects the request with `ABORTED` (the server may still have received it). */
  signal?: AbortSignal;
}
