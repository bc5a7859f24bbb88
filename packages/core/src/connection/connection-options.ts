import type { SocketHandlers, SocketOpenParams } from '../socket/types';
import type { ConnectionOptions } from './types';

/** Default time `request()` waits for an ack. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
/** How long an attempt waits for `getToken()` before counting as failed. */
export const DEFAULT_TOKEN_TIMEOUT_MS = 30_000;
/** How long one connection attempt may take unless `socketOptions.connectTimeoutMs` says. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 20_000;

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
  if (typeof options.url !== 'string' || !/^(http|ws)s?:\/\/./i.test(options.url)) {
    throw new TypeError('Connection: url must be an http(s) or ws(s) URL');
  }
  try {
    new URL(options.url);
  } catch {
    throw new TypeError(`Connection: url is not a valid URL: ${options.url}`);
  }
  if (typeof options.getToken !== 'function') {
    throw new TypeError('Connection: getToken must be a function');
  }
  checkTimeout(options.requestTimeoutMs, 'requestTimeoutMs');
  checkTimeout(options.tokenTimeoutMs, 'tokenTimeoutMs');
  checkSocketOptions(options.socketOptions);
  if (typeof options.defaultTransport !== 'function') {
    throw new TypeError('Connection: defaultTransport must be a function');
  }
}

function checkSocketOptions(socket: ConnectionOptions['socketOptions']): void {
  if (socket === undefined) return;
  if (typeof socket !== 'object' || socket === null) {
    throw new TypeError('Connection: socketOptions must be an object');
  }
  if (
    socket.path !== undefined &&
    (typeof socket.path !== 'string' || !socket.path.startsWith('/'))
  ) {
    throw new TypeError('Connection: socketOptions.path must start with "/"');
  }
  for (const name of ['query', 'auth'] as const) {
    const value = socket[name];
    if (value !== undefined && (typeof value !== 'object' || value === null)) {
      throw new TypeError(`Connection: socketOptions.${name} must be an object`);
    }
  }
  checkTimeout(socket.connectTimeoutMs, 'socketOptions.connectTimeoutMs');
  if (socket.transport !== undefined && typeof socket.transport !== 'function') {
    throw new TypeError('Connection: socketOptions.transport must be a function');
  }
}

/** What the transport needs for one attempt; `auth.token` is always the fresh token. */
export function buildOpenParams(
  options: ConnectionOptions,
  token: string,
  handlers: SocketHandlers,
): SocketOpenParams {
  const socket = options.socketOptions ?? {};
  const params: SocketOpenParams = {
    url: options.url,
    auth: { ...socket.auth, token },
    connectTimeoutMs: socket.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    handlers,
  };
  if (socket.path !== undefined) params.path = socket.path;
  if (socket.query !== undefined) params.query = socket.query;
  return params;
}
