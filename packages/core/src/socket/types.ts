/**
 * What a refused or failed connection attempt reports. A server refusal carries the protocol's
 * `{ code, message }` in `data`; a transport failure only a `message`.
 */
export interface SocketConnectError {
  message: string;
  data?: unknown;
  /** Transport detail (an HTTP status with socket.io-client's polling transport). */
  description?: unknown;
  /** Transport detail (the failed XMLHttpRequest with socket.io-client's polling transport). */
  context?: unknown;
}

/** What a {@link ChatSocket} tells its owner. None of these is called after `close()`. */
export interface SocketHandlers {
  /** The server accepted the handshake: requests may be sent. */
  connect(): void;
  /** The attempt failed before `connect` (refused, unreachable, timed out). */
  connectError(error: SocketConnectError): void;
  /** A connected socket was lost: `io server disconnect`, `transport close`, `ping timeout`... */
  disconnect(reason: string): void;
  /** A server event and its (first) argument. */
  event(name: string, payload: unknown): void;
}

/** Everything a transport needs to open one socket.io connection to the default namespace. */
export interface SocketOpenParams {
  /** The server's URL (`http(s)://` or `ws(s)://`). */
  url: string;
  /** The socket.io path. Default `/socket.io`. */
  path?: string;
  /** Extra query parameters of the handshake. */
  query?: Record<string, string>;
  /** The handshake's `auth` payload (`{ token }` and whatever the app adds). */
  auth: Record<string, unknown>;
  /** How long the attempt may take before it fails with `timeout`. */
  connectTimeoutMs: number;
  handlers: SocketHandlers;
}

/**
 * One socket.io connection attempt, connected once `handlers.connect` ran. It never reconnects by
 * itself and never queues: what cannot be sent now is refused.
 */
export interface ChatSocket {
  readonly connected: boolean;
  /**
   * Emits `event` with an ack. Resolves with the ack's first argument; rejects with a ChatError:
   * `OFFLINE` when nothing was sent, `TOO_LARGE` when the packet exceeds what the server accepts,
   * `TIMEOUT` when no ack came within `timeoutMs` or the connection dropped first.
   */
  request(event: string, payload: unknown, timeoutMs: number): Promise<unknown>;
  /** Emits `event` without an ack; returns whether it went out. */
  notify(event: string, payload: unknown): boolean;
  /** Closes the connection; no handler is called afterwards. Idempotent. */
  close(): void;
}

/**
 * Opens sockets: `socketIoTransport()` (socket.io-client, with its long-polling fallback) by
 * default, `webSocketTransport()` from `@causette/core/websocket` for a smaller bundle.
 */
export interface SocketTransport {
  (params: SocketOpenParams): ChatSocket;
  /**
   * Called by `connect()`: throws a TypeError when this transport cannot work here at all (no
   * WebSocket in the environment), so the app learns it at once instead of through retries.
   */
  preflight?(): void;
}

/** How the client reaches the server's socket.io endpoint. */
export interface SocketOptions {
  /** The socket.io path. Default `/socket.io`. */
  path?: string;
  /** Extra query parameters of the handshake. */
  query?: Record<string, string>;
  /** Merged into the handshake's `auth`; `token` is always the one from `getToken()`. */
  auth?: Record<string, unknown>;
  /** How long one connection attempt may take. Default 20 000 ms. */
  connectTimeoutMs?: number;
  /**
   * Replaces the entry's default transport: e.g. `socketIoTransport({ transports: ['polling'] })`
   * for socket.io-client options of your own, or `webSocketTransport({ WebSocket })`.
   */
  transport?: SocketTransport;
}
