import type { ManagerOptions, SocketOptions } from 'socket.io-client';
import type { ConnectionOptions } from './types';

/** Default time `request()` waits for an ack. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
/** How long an attempt waits for `getToken()` before counting as failed. */
export const DEFAULT_TOKEN_TIMEOUT_MS = 30_000;
/** Transports tried in order unless `socketOptions.transports` says otherwise. */
export const DEFAULT_TRANSPORTS: readonly string[] = ['websocket', 'polling'];

/** Returns `value` when it is a usable timeout, `undefined` when absent; throws otherwise. */
export function checkTimeout(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new TypeError(`${name} must be a positive number of milliseconds`);
  }
  return value;
}

/** Throws a TypeError naming the first unusable option. */
export function checkConnectionOptions(options: ConnectionOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('Connection: options are required');
  }
  if (typeof options.url !== 'string' || !options.url) {
    throw new TypeError('Connection: url must be a non-empty string');
  }
  if (typeof options.getToken !== 'function') {
    throw new TypeError('Connection: getToken must be a function');
  }
  checkTimeout(options.requestTimeoutMs, 'requestTimeoutMs');
  checkTimeout(options.tokenTimeoutMs, 'tokenTimeoutMs');
}

/**
 * socket.io-client options for one attempt: our defaults, then the caller's, then what we own.
 * Reconnection is ours; `forceNew` gives every attempt its own Manager, so closing the socket
 * closes its transport too; socket.io never connects by itself.
 */
export function buildSocketOptions(
  user: Partial<ManagerOptions & SocketOptions> = {},
  token: string,
): Partial<ManagerOptions & SocketOptions> {
  const userAuth = typeof user.auth === 'object' && user.auth !== null ? user.auth : {};
  return {
    transports: [...DEFAULT_TRANSPORTS],
    ...user,
    autoConnect: false,
    reconnection: false,
    forceNew: true,
    auth: { ...userAuth, token },
  };
}
