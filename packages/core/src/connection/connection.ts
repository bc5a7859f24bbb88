import type {
  RequestEventName,
  RequestPayload,
  RequestResult,
  ServerEventName,
  ServerEventPayloads,
  TypingRequest,
} from '@causette/protocol';
import { isOnline } from '../environment';
import type { ChatSocket } from '../socket/types';
import { ChatError, isChatError } from '../errors';
import { watchBrowserSignals } from './browser-signals';
import {
  DEFAULT_REQUEST_TIMEOUT_MS,
  DEFAULT_TOKEN_TIMEOUT_MS,
  buildOpenParams,
  checkConnectionOptions,
  checkTimeout,
} from './connection-options';
import { type AttemptFailure, readConnectError } from './handshake-error';
import { Listeners } from './listeners';
import { ReconnectScheduler } from './reconnect-scheduler';
import { sendRequest } from './socket-requests';
import { type TokenFetch, fetchToken } from './token-fetch';
import type {
  ConnectionOptions,
  ConnectionSnapshot,
  ConnectionStatus,
  Logger,
  RequestOptions,
} from './types';

const silentLogger: Logger = { debug() {}, warn() {}, error() {} };

/** A request waiting for the connection to be (re)made. */
interface SessionWaiter {
  resolve(socket: ChatSocket): void;
  reject(error: ChatError): void;
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

/**
 * One logical connection to a Causette server over socket.io, kept alive across drops: it fetches
 * a fresh token for every attempt, owns the reconnection policy (sockets never retry), and
 * exposes typed requests and server events that survive reconnects.
 *
 * `getToken()` may throw or reject: that attempt fails and the next comes after a backoff, except
 * for a `ChatError` with code `UNAUTHORIZED`, which stops with the status `unauthorized` like a
 * refused handshake.
 *
 * After `destroy()`, `connect()` throws and `request()` rejects with `DESTROYED`; `notify()`,
 * `disconnect()` and `destroy()` are no-ops, and the `on*` methods return no-op unsubscribers.
 */
export class Connection {
  #snapshot: ConnectionSnapshot = { status: 'idle', attempt: 0 };
  #socket: ChatSocket | undefined;
  /** Bumped by every attempt and stop, so that a late `getToken()` result is dropped. */
  #generation = 0;
  #running = false;
  #destroyed = false;
  #wasConnected = false;
  #expiredRetryUsed = false;
  #sessionExpired = false;
  #lastError: ChatError | undefined;
  #tokenFetch: TokenFetch | undefined;
  #detachEnvironment: (() => void) | undefined;
  readonly #scheduler: ReconnectScheduler;
  readonly #logger: Logger;
  readonly #requestTimeoutMs: number;
  readonly #statusListeners: Listeners<ConnectionSnapshot>;
  readonly #sessionListeners: Listeners<void>;
  readonly #eventListeners = new Map<string, Listeners<unknown>>();
  readonly #waiters = new Set<SessionWaiter>();

  readonly #options: ConnectionOptions;

  constructor(options: ConnectionOptions) {
    checkConnectionOptions(options);
    this.#options = options;
    this.#requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.#logger = options.logger ?? silentLogger;
    this.#statusListeners = new Listeners(this.#logger, 'onStatus');
    this.#sessionListeners = new Listeners(this.#logger, 'onSession');
    this.#scheduler = new ReconnectScheduler(() => this.#attempt(), {
      ...options.backoff,
      random: options.random,
    });
  }

  /** The current snapshot; a new object after every change. */
  get state(): ConnectionSnapshot {
    return this.#snapshot;
  }

  /** Starts connecting from `idle`, `offline` or `unauthorized`; a no-op while already running. */
  connect(): void {
    if (this.#destroyed) throw new ChatError('DESTROYED', 'connect() after destroy()');
    if (this.#running && this.#snapshot.status !== 'offline') return;
    this.#transport().preflight?.();
    this.#running = true;
    this.#scheduler.reset();
    this.#detachEnvironment ??= watchBrowserSignals({
      retryNow: () => this.#retryNow(),
      offline: () => this.#wentOffline(),
    });
    this.#attempt();
  }

  /**
   * Stops retrying and closes the socket: status `idle`; no timer, socket or browser listener of
   * ours is left (a connected socket's transport finishes closing within an I/O round trip).
   */
  disconnect(): void {
    if (this.#destroyed) return;
    this.#stop();
    this.#wasConnected = false;
    this.#lastError = undefined;
    this.#setState('idle');
  }

  /** `disconnect()`, then drops every listener; the instance cannot be used again. */
  destroy(): void {
    if (this.#destroyed) return;
    this.#releaseWaiters(new ChatError('DESTROYED', 'destroyed before it was sent'));
    this.disconnect();
    this.#destroyed = true;
    this.#statusListeners.clear();
    this.#sessionListeners.clear();
    this.#eventListeners.clear();
  }

  /** Called with the new snapshot on every change. Returns the unsubscribe. */
  onStatus(listener: (snapshot: ConnectionSnapshot) => void): () => void {
    return this.#subscribe(this.#statusListeners, listener);
  }

  /**
   * Called after every successful connect and reconnect, once the socket takes requests and
   * before anything else is sent on it: the place to sync and flush queued work.
   */
  onSession(listener: () => void): () => void {
    return this.#subscribe(this.#sessionListeners, listener);
  }

  /** Listens to a server event on this and every later socket. Returns the unsubscribe. */
  on<E extends ServerEventName>(
    event: E,
    listener: (payload: ServerEventPayloads[E]) => void,
  ): () => void {
    if (typeof event !== 'string' || !event) throw new TypeError('on: event must be a string');
    let listeners = this.#eventListeners.get(event);
    if (!listeners)
      this.#eventListeners.set(event, (listeners = new Listeners(this.#logger, event)));
    return this.#subscribe(listeners, listener as (payload: unknown) => void);
  }

  /**
   * Sends a request and resolves with the ack's data. While the connection is being made or
   * remade (`connecting`, `reconnecting`, `offline` after `connect()`), the request waits for it,
   * within its timeout. Rejects with a ChatError: the server's code for `{ ok: false }`; `OFFLINE`
   * when it could not be sent (never connected, `disconnect()`ed, or not connected in time:
   * nothing was sent, nothing is queued); `UNAUTHORIZED` (or the handshake's code) when the
   * connection stopped for good while it waited; `TIMEOUT` when no ack came in time or the
   * connection dropped first (the server may have applied it, so retries must be idempotent);
   * `TOO_LARGE` at once for a packet over the server's limit; `ABORTED` through `signal`;
   * `INTERNAL` for a malformed ack.
   */
  async request<E extends RequestEventName>(
    event: E,
    payload: RequestPayload<E>,
    options: RequestOptions = {},
  ): Promise<RequestResult<E>> {
    if (this.#destroyed) throw new ChatError('DESTROYED', `${event} after destroy()`);
    if (typeof event !== 'string' || !event) throw new TypeError('request: event must be a string');
    const timeoutMs = checkTimeout(options.timeoutMs, 'timeoutMs') ?? this.#requestTimeoutMs;
    const { signal } = options;
    if (signal?.aborted) throw new ChatError('ABORTED', `${event} aborted before it was sent`);
    const started = Date.now();
    const socket = this.#socket?.connected
      ? this.#socket
      : await this.#session(event, timeoutMs, signal);
    const left = Math.max(1, timeoutMs - (Date.now() - started));
    return sendRequest<RequestResult<E>>(socket, event, payload, left, signal);
  }

  /**
   * Resolves once connected (at once when connected already; otherwise after the session
   * listeners started, so sync goes first). Rejects like a waiting request: `OFFLINE` at once when
   * nothing is connecting or once `timeoutMs` passed, the refusal, `DESTROYED`, `ABORTED`.
   */
  waitForConnection(options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<void> {
    if (this.#destroyed)
      return Promise.reject(new ChatError('DESTROYED', 'the client was destroyed'));
    const timeoutMs = checkTimeout(options.timeoutMs, 'timeoutMs') ?? this.#requestTimeoutMs;
    if (this.#socket?.connected) return Promise.resolve();
    return this.#session('connection', timeoutMs, options.signal).then(() => undefined);
  }

  #session(what: string, timeoutMs: number, signal?: AbortSignal): Promise<ChatSocket> {
    if (!this.#running) {
      return Promise.reject(
        this.#snapshot.status === 'unauthorized' && this.#lastError
          ? this.#lastError
          : new ChatError('OFFLINE', `not connected (call connect() first): ${what} was not sent`),
      );
    }
    return new Promise<ChatSocket>((resolve, reject) => {
      const waiter: SessionWaiter = {
        resolve: (socket) => settle(() => resolve(socket)),
        reject: (error) => settle(() => reject(error)),
      };
      const timer = setTimeout(
        () =>
          waiter.reject(
            new ChatError('OFFLINE', `not connected within ${timeoutMs} ms: ${what} was not sent`),
          ),
        timeoutMs,
      );
      const onAbort = () =>
        waiter.reject(new ChatError('ABORTED', `${what} aborted before it was sent`));
      signal?.addEventListener('abort', onAbort, { once: true });
      const settle = (finish: () => void) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.#waiters.delete(waiter);
        finish();
      };
      this.#waiters.add(waiter);
    });
  }

  /** Settles every request waiting for a session: with the socket, or with why none will come. */
  #releaseWaiters(outcome: ChatSocket | ChatError): void {
    for (const waiter of [...this.#waiters]) {
      if (outcome instanceof ChatError) waiter.reject(outcome);
      else waiter.resolve(outcome);
    }
  }

  /** Sends a volatile notification (typing); silently dropped when not connected. */
  notify(event: 'typing:start' | 'typing:stop', payload: TypingRequest): void {
    if (event !== 'typing:start' && event !== 'typing:stop') {
      throw new TypeError(`notify: unknown event ${String(event)}`);
    }
    const socket = this.#socket;
    if (socket?.connected) socket.notify(event, payload);
  }

  #attempt(): void {
    this.#scheduler.cancel();
    this.#clearTokenTimer();
    this.#closeSocket();
    const generation = ++this.#generation;
    // The browser knows it has no network: wait for its `online` event instead of burning retries.
    if (!isOnline()) return this.#setState('offline');
    this.#setState(
      this.#wasConnected || this.#scheduler.failures > 0 ? 'reconnecting' : 'connecting',
    );
    void this.#open(generation);
  }

  async #open(generation: number): Promise<void> {
    let token: string;
    try {
      this.#tokenFetch = fetchToken(
        this.#options.getToken,
        this.#options.tokenTimeoutMs ?? DEFAULT_TOKEN_TIMEOUT_MS,
      );
      token = await this.#tokenFetch.token;
    } catch (cause) {
      if (generation !== this.#generation) return;
      // The app's way of saying "nobody is signed in": waiting will not help.
      if (isChatError(cause) && cause.code === 'UNAUTHORIZED') {
        return this.#fail({ kind: 'fatal', error: cause });
      }
      const message = `getToken failed: ${describe(cause)}`;
      return this.#fail({
        kind: 'transient',
        error: new ChatError('UNAVAILABLE', message, { cause }),
      });
    }
    if (generation !== this.#generation) return;
    const transport = this.#transport();
    let socket: ChatSocket | undefined;
    const current = () => socket !== undefined && socket === this.#socket;
    try {
      socket = transport(
        buildOpenParams(this.#options, token, {
          connect: () => {
            if (current()) this.#connected(socket as ChatSocket);
          },
          connectError: (err) => {
            if (current()) this.#fail(readConnectError(err));
          },
          disconnect: (reason) => {
            if (current()) this.#dropped(reason);
          },
          event: (event, payload) => {
            if (!current()) return;
            if (event === 'session:expired') this.#sessionExpired = true;
            this.#eventListeners.get(event)?.emit(payload);
          },
        }),
      );
      this.#socket = socket;
    } catch (cause) {
      this.#logger.error('causette: could not open a socket', cause);
      this.#fail({
        kind: 'transient',
        error: new ChatError('UNAVAILABLE', describe(cause), { cause }),
      });
    }
  }

  #transport() {
    return this.#options.socketOptions?.transport ?? this.#options.defaultTransport;
  }

  #clearTokenTimer(): void {
    this.#tokenFetch?.cancel();
    this.#tokenFetch = undefined;
  }

  #connected(socket: ChatSocket): void {
    this.#scheduler.reset();
    this.#wasConnected = true;
    this.#expiredRetryUsed = false;
    this.#sessionExpired = false;
    this.#lastError = undefined;
    this.#setState('connected');
    // A listener may have disconnected us: the others must not run on a dead session.
    const live = () => socket === this.#socket && socket.connected;
    this.#sessionListeners.emit(undefined, live);
    if (live()) this.#releaseWaiters(socket);
  }

  #dropped(reason: string): void {
    this.#logger.debug(`causette: connection lost (${reason})`);
    if (this.#sessionExpired) {
      this.#fail({ kind: 'expired', error: new ChatError('TOKEN_EXPIRED', 'session expired') });
    } else {
      const error = new ChatError('UNAVAILABLE', `connection lost: ${reason}`);
      this.#fail({ kind: 'transient', error });
    }
  }

  #fail({ kind, error }: AttemptFailure): void {
    this.#closeSocket();
    this.#logger.debug(`causette: attempt failed (${error.code}: ${error.message})`);
    this.#lastError = error;
    this.#scheduler.recordFailure();
    if (kind === 'fatal') {
      this.#logger.warn(`causette: connection refused for good (${error.code})`);
      const attempts = this.#scheduler.failures;
      this.#stop(error);
      return this.#setState('unauthorized', attempts);
    }
    if (kind === 'expired' && !this.#expiredRetryUsed) {
      // Retry at once with a new token; a second expiry in a row falls through to the backoff.
      this.#expiredRetryUsed = true;
      return this.#attempt();
    }
    if (!isOnline()) return this.#setState('offline');
    this.#scheduler.scheduleRetry();
    this.#setState('reconnecting');
  }

  /** Online again, or the tab came back: retry now instead of waiting out the backoff. */
  #retryNow(): void {
    if (!this.#running) return;
    if (this.#snapshot.status === 'offline' || this.#scheduler.pending) this.#attempt();
  }

  #wentOffline(): void {
    if (!this.#running) return;
    // The link is gone: say so now rather than after the heartbeat times out (socket.io-client
    // closes its transport on this event too). `online` brings it back.
    if (this.#snapshot.status === 'connected') return this.#dropped('network offline');
    this.#scheduler.cancel();
    this.#generation += 1;
    this.#clearTokenTimer();
    this.#closeSocket();
    this.#setState('offline');
  }

  /**
   * Stops every activity: no timer, no socket, no environment listener, late results ignored.
   * Requests waiting for a session fail with `reason`.
   */
  #stop(reason = new ChatError('OFFLINE', 'disconnected: the request was not sent')): void {
    this.#running = false;
    this.#releaseWaiters(reason);
    this.#generation += 1;
    this.#expiredRetryUsed = false;
    this.#sessionExpired = false;
    this.#scheduler.reset();
    this.#clearTokenTimer();
    this.#closeSocket();
    this.#detachEnvironment?.();
    this.#detachEnvironment = undefined;
  }

  #closeSocket(): void {
    const socket = this.#socket;
    if (!socket) return;
    this.#socket = undefined;
    socket.close();
  }

  /** Publishes a new snapshot from the live fields, if anything changed. */
  #setState(status: ConnectionStatus, attempt = this.#scheduler.failures): void {
    const next: ConnectionSnapshot = { status, attempt };
    if (this.#lastError) next.lastError = this.#lastError;
    const nextRetryAt = this.#scheduler.nextRetryAt;
    if (nextRetryAt !== undefined) next.nextRetryAt = nextRetryAt;
    const prev = this.#snapshot;
    if (
      prev.status === next.status &&
      prev.attempt === next.attempt &&
      prev.lastError === next.lastError &&
      prev.nextRetryAt === next.nextRetryAt
    ) {
      return;
    }
    this.#snapshot = next;
    this.#statusListeners.emit(next);
  }

  #subscribe<T>(listeners: Listeners<T>, listener: (value: T) => void): () => void {
    const off = listeners.add(listener);
    if (!this.#destroyed) return off;
    off();
    return () => undefined;
  }
}

// The contract places these types in this module; they live in ./types to keep this file short.
export type { ConnectionOptions, ConnectionSnapshot, ConnectionStatus, Logger, RequestOptions };
