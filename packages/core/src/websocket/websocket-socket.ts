import { ChatError } from '../errors';
import type { ChatSocket, SocketOpenParams, SocketTransport } from '../socket/types';
import type { WebSocketConstructor, WebSocketLike, WebSocketTransportOptions } from './types';
import {
  ENGINE,
  type EngineHandshake,
  PACKET,
  type SocketPacket,
  byteLength,
  decodePacket,
  encodePacket,
  parseHandshake,
} from './wire';

/** The socket.io endpoint's WebSocket URL for `params`. */
export function webSocketUrl(params: Pick<SocketOpenParams, 'url' | 'path' | 'query'>): string {
  const target = new URL(params.url);
  if (target.protocol === 'http:') target.protocol = 'ws:';
  else if (target.protocol === 'https:') target.protocol = 'wss:';
  else if (target.protocol !== 'ws:' && target.protocol !== 'wss:') {
    throw new TypeError(`url must be http(s) or ws(s), not ${target.protocol}`);
  }
  // engine.io serves `<path>/`; the URL's own path would be a socket.io namespace, which the
  // protocol does not use.
  target.pathname = `${(params.path ?? '/socket.io').replace(/\/+$/, '')}/`;
  for (const [key, value] of Object.entries(params.query ?? {}))
    target.searchParams.set(key, value);
  target.searchParams.set('EIO', '4');
  target.searchParams.set('transport', 'websocket');
  return target.toString();
}

interface PendingAck {
  resolve(value: unknown): void;
  reject(error: ChatError): void;
  timer: ReturnType<typeof setTimeout>;
}

const OPEN = 1;

/**
 * socket.io (protocol 5 over engine.io 4) on one WebSocket: the handshake with `auth`, the server's
 * heartbeat, events and acks. No long-polling, no upgrade, no reconnection, no send buffer: the
 * Connection above owns retries, and what cannot go out now is refused, never parked.
 */
export class WebSocketChatSocket implements ChatSocket {
  #ws: WebSocketLike | undefined;
  #handshake: EngineHandshake | undefined;
  #connected = false;
  #closed = false;
  #nextAckId = 0;
  #connectTimer: ReturnType<typeof setTimeout> | undefined;
  #heartbeatTimer: ReturnType<typeof setTimeout> | undefined;
  /** When the heartbeat expires: checked before sending too, as timers sleep in background tabs. */
  #deadline = Infinity;
  readonly #acks = new Map<number, PendingAck>();
  readonly #params: SocketOpenParams;

  constructor(params: SocketOpenParams, WebSocketCtor: WebSocketConstructor) {
    this.#params = params;
    const ws = new WebSocketCtor(webSocketUrl(params));
    this.#ws = ws;
    ws.binaryType = 'arraybuffer';
    // Every handler checks #closed: nothing reaches the owner after close(). The error listener
    // also keeps the `ws` package from throwing a late error of a closing socket.
    ws.addEventListener('message', (event) => {
      if (typeof event.data === 'string') this.#onFrame(event.data);
    });
    ws.addEventListener('close', () => this.#lost('transport close'));
    ws.addEventListener('error', () => this.#lost('transport error'));
    this.#connectTimer = setTimeout(() => this.#lost('timeout'), params.connectTimeoutMs);
  }

  get connected(): boolean {
    if (this.#connected && Date.now() > this.#deadline) this.#lost('ping timeout');
    return this.#connected;
  }

  request(event: string, payload: unknown, timeoutMs: number): Promise<unknown> {
    const id = this.#nextAckId++;
    const frame = encodePacket(PACKET.event, [event, payload], id);
    return new Promise((resolve, reject) => {
      const refusal = this.#send(event, frame);
      if (refusal) return reject(refusal);
      const timer = setTimeout(() => {
        this.#acks.delete(id);
        reject(new ChatError('TIMEOUT', `no answer to ${event} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#acks.set(id, {
        resolve,
        timer,
        reject: (error) =>
          reject(
            new ChatError('TIMEOUT', `${error.message} before the answer to ${event}`, {
              cause: error,
            }),
          ),
      });
    });
  }

  notify(event: string, payload: unknown): boolean {
    return this.#send(event, encodePacket(PACKET.event, [event, payload])) === undefined;
  }

  close(): void {
    if (this.#closed) return;
    // A polite goodbye, so the server frees the socket now rather than at its heartbeat.
    if (this.#connected && this.#ws?.readyState === OPEN)
      this.#ws.send(encodePacket(PACKET.disconnect));
    this.#shutdown(new ChatError('OFFLINE', 'connection closed'));
  }

  /** Sends a frame now, or says why not. */
  #send(event: string, frame: string): ChatError | undefined {
    const ws = this.#ws;
    if (!this.connected || !ws || ws.readyState !== OPEN) {
      return new ChatError('OFFLINE', `not connected: ${event} was not sent`);
    }
    const limit = this.#handshake?.maxPayload ?? Infinity;
    // The server would close the whole connection over it, and the outbox would resend it forever.
    if (frame.length * 3 > limit && byteLength(frame) > limit) {
      return new ChatError('TOO_LARGE', `${event} is larger than the server's ${limit} bytes`);
    }
    ws.send(frame);
    return undefined;
  }

  #onFrame(frame: string): void {
    if (this.#closed) return;
    this.#armHeartbeat();
    const body = frame.slice(1);
    switch (frame.charAt(0)) {
      case ENGINE.open:
        return this.#onOpen(body);
      case ENGINE.ping:
        this.#ws?.send(ENGINE.pong);
        return;
      case ENGINE.close:
        return this.#lost('transport close');
      case ENGINE.message: {
        const packet = decodePacket(body);
        // socket.io-client closes on a packet it cannot parse too: the stream can't be trusted.
        if (packet) this.#onPacket(packet);
        else this.#lost('parse error');
        return;
      }
      default:
        return; // noop, pong, or nothing we know
    }
  }

  #onOpen(body: string): void {
    const handshake = parseHandshake(body);
    if (!handshake) return this.#lost('parse error');
    this.#handshake = handshake;
    this.#armHeartbeat();
    this.#ws?.send(encodePacket(PACKET.connect, this.#params.auth));
  }

  #onPacket(packet: SocketPacket): void {
    switch (packet.type) {
      case PACKET.connect:
        if (this.#connected) return;
        clearTimeout(this.#connectTimer);
        this.#connected = true;
        return this.#params.handlers.connect();
      case PACKET.connectError:
        return this.#refused(packet.data);
      case PACKET.disconnect:
        return this.#lost('io server disconnect');
      case PACKET.event: {
        const [name, payload] = packet.data;
        return this.#params.handlers.event(name, payload);
      }
      case PACKET.ack: {
        const pending = this.#acks.get(packet.id);
        if (!pending) return; // answered after its timeout
        this.#acks.delete(packet.id);
        clearTimeout(pending.timer);
        return pending.resolve(packet.data[0]);
      }
    }
  }

  #refused(data: unknown): void {
    const record = (typeof data === 'object' && data !== null ? data : {}) as Record<
      string,
      unknown
    >;
    const message = typeof record.message === 'string' ? record.message : 'connection refused';
    const handlers = this.#params.handlers;
    this.#shutdown(new ChatError('OFFLINE', message));
    handlers.connectError(record.data === undefined ? { message } : { message, data: record.data });
  }

  #armHeartbeat(): void {
    const handshake = this.#handshake;
    if (!handshake) return;
    clearTimeout(this.#heartbeatTimer);
    const wait = handshake.pingInterval + handshake.pingTimeout;
    this.#deadline = Date.now() + wait;
    this.#heartbeatTimer = setTimeout(() => this.#lost('ping timeout'), wait);
  }

  /** The connection is gone for `reason`: tell the owner once, as a failed attempt or a drop. */
  #lost(reason: string): void {
    if (this.#closed) return;
    const wasConnected = this.#connected;
    const handlers = this.#params.handlers;
    this.#shutdown(new ChatError('OFFLINE', `connection lost (${reason})`));
    if (wasConnected) handlers.disconnect(reason);
    else handlers.connectError({ message: reason });
  }

  #shutdown(reason: ChatError): void {
    this.#closed = true;
    this.#connected = false;
    clearTimeout(this.#connectTimer);
    clearTimeout(this.#heartbeatTimer);
    const ws = this.#ws;
    this.#ws = undefined;
    ws?.close();
    const acks = [...this.#acks.values()];
    this.#acks.clear();
    for (const ack of acks) {
      clearTimeout(ack.timer);
      ack.reject(reason);
    }
  }
}

/**
 * `WebSocketCtor`, else the global WebSocket (looked up now, so one patched later, e.g. by msw,
 * is used). Throws a TypeError saying what to pass where there is none.
 */
export function resolveWebSocket(WebSocketCtor?: WebSocketConstructor): WebSocketConstructor {
  const Ctor = WebSocketCtor ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (typeof Ctor !== 'function') {
    throw new TypeError(
      'no WebSocket in this environment: pass webSocketTransport({ WebSocket }) (e.g. the "ws" package\'s on Node 20), or use the default socket.io-client transport of @causette/core',
    );
  }
  return Ctor;
}

/**
 * socket.io over one WebSocket, with a client of its own (about 2 KB instead of socket.io-client's
 * 13 KB) and no HTTP long-polling fallback: users behind a proxy that blocks WebSockets cannot
 * connect. Uses the given constructor, else the global WebSocket at each attempt.
 */
export function webSocketTransport(options: WebSocketTransportOptions = {}): SocketTransport {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('webSocketTransport: options must be an object');
  }
  const { WebSocket: WebSocketCtor } = options;
  if (WebSocketCtor !== undefined && typeof WebSocketCtor !== 'function') {
    throw new TypeError('webSocketTransport: WebSocket must be a constructor');
  }
  const transport: SocketTransport = (params) =>
    new WebSocketChatSocket(params, resolveWebSocket(WebSocketCtor));
  transport.preflight = () => void resolveWebSocket(WebSocketCtor);
  return transport;
}
