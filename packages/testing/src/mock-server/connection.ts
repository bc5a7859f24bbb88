// One intercepted WebSocket speaking engine.io + socket.io: handshake, pings, packets out.
import type { WebSocketHandlerConnection } from 'msw';
import {
  type ClientPacket,
  PING_INTERVAL_MS,
  decodeClientFrame,
  encodeAck,
  encodeConnect,
  encodeConnectError,
  encodeDisconnect,
  encodeEvent,
  encodeOpen,
  encodePing,
  encodePong,
} from './wire';

type RawClient = WebSocketHandlerConnection['client'];

/** What a connection asks of the server it belongs to. */
export interface ConnectionHooks {
  /** Delay before each frame the server sends (`setLatency`). */
  latencyMs(): number;
  /** The client's CONNECT packet: accept (returning the user) or refuse. */
  onConnectPacket(connection: MockConnection, auth: unknown): void;
  /** A socket.io EVENT packet from an accepted client. */
  onEvent(connection: MockConnection, event: unknown, args: unknown[], ackId?: number): void;
  /** The socket is gone, whoever closed it. */
  onClosed(connection: MockConnection): void;
}

function unrefTimer(timer: unknown): void {
  // Node's timers keep the process alive; a mock must never hold a test run open.
  (timer as { unref?: () => void } | undefined)?.unref?.();
}

/**
 * Runs `fn` once the frames sent so far have reached the client's socket.io layer. A frame leaves
 * on a microtask (a closing socket drops it) and socket.io-client hands decoded packets on with
 * its `nextTick` (`process.nextTick` in Node, a promise in browsers): closing any sooner would
 * lose the last events. No timer, so fake timers need no advancing.
 */
function afterDelivery(fn: () => void): void {
  queueMicrotask(() => {
    const nextTick = (globalThis as { process?: { nextTick?: (cb: () => void) => void } }).process
      ?.nextTick;
    if (nextTick) nextTick(fn);
    else queueMicrotask(fn);
  });
}

/** A client socket of the mock server. */
export class MockConnection {
  /** The user once the handshake is accepted. */
  userId: string | null = null;
  private state: 'handshake' | 'connected' | 'closed' = 'handshake';
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private expiryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly sid: string,
    private readonly client: RawClient,
    private readonly hooks: ConnectionHooks,
  ) {}

  /** Whether the socket completed its handshake and is still open. */
  get connected(): boolean {
    return this.state === 'connected';
  }

  /** Sends engine.io OPEN, then serves the client's frames. */
  start(): void {
    this.client.addEventListener('message', (event) => this.onFrame(event.data));
    this.client.addEventListener('close', () => this.closed());
    this.sendNow(encodeOpen(this.sid));
    this.pingTimer = setInterval(() => this.send(encodePing()), PING_INTERVAL_MS);
    unrefTimer(this.pingTimer);
  }

  /** Accepts the handshake for `userId`. */
  accept(userId: string): void {
    if (this.state !== 'handshake') return;
    this.userId = userId;
    this.state = 'connected';
    this.send(encodeConnect(this.sid));
  }

  /** Refuses the handshake: socket.io-client raises `connect_error` with `err.data = data`. */
  refuse(message: string, data?: unknown, nsp = '/'): void {
    this.send(encodeConnectError(message, data, nsp));
  }

  /** Sends a server event to this socket. */
  emit(event: string, payload: unknown): void {
    if (this.state === 'connected') this.send(encodeEvent(event, payload));
  }

  /** Answers a request sent with an ack callback. */
  ack(ackId: number, response: unknown): void {
    if (this.state === 'connected') this.send(encodeAck(ackId, response));
  }

  /** Arms the end of the session: `onExpire` runs when the token expires. */
  expireIn(ms: number, onExpire: () => void): void {
    clearTimeout(this.expiryTimer);
    const maxTimer = 2 ** 31 - 1;
    this.expiryTimer = setTimeout(
      () => (ms > maxTimer ? this.expireIn(ms - maxTimer, onExpire) : onExpire()),
      Math.min(Math.max(0, ms), maxTimer),
    );
    unrefTimer(this.expiryTimer);
  }

  /** Like socket.io's `socket.disconnect(true)`: the client reports `io server disconnect`. */
  disconnect(): void {
    if (this.state === 'closed') return;
    this.send(encodeDisconnect(), () => afterDelivery(() => this.close()));
  }

  /** Drops the transport: the client reports `transport close` and reconnects. */
  drop(): void {
    this.close();
  }

  private close(): void {
    if (this.state === 'closed') return;
    try {
      this.client.close(1000, 'closed by the mock server');
    } finally {
      this.closed();
    }
  }

  private closed(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    clearInterval(this.pingTimer);
    clearTimeout(this.expiryTimer);
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.hooks.onClosed(this);
  }

  private onFrame(data: unknown): void {
    if (this.state === 'closed') return;
    const frame = decodeClientFrame(data);
    if (frame.kind === 'ping') this.send(encodePong());
    else if (frame.kind === 'close') this.close();
    else if (frame.kind === 'packet') this.onPacket(frame.packet);
  }

  private onPacket(packet: ClientPacket): void {
    if (packet.nsp !== '/') {
      if (packet.kind === 'connect') this.refuse('Invalid namespace', undefined, packet.nsp);
      return;
    }
    if (packet.kind === 'connect') {
      if (this.state === 'handshake') this.hooks.onConnectPacket(this, packet.auth);
    } else if (packet.kind === 'disconnect') {
      this.close();
    } else if (packet.kind === 'event' && this.state === 'connected') {
      this.hooks.onEvent(this, packet.event, packet.args, packet.ackId);
    }
  }

  private send(frame: string, then?: () => void): void {
    const latency = this.hooks.latencyMs();
    if (latency <= 0) {
      this.sendNow(frame);
      then?.();
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.sendNow(frame);
      then?.();
    }, latency);
    this.timers.add(timer);
  }

  private sendNow(frame: string): void {
    if (this.state === 'closed') return;
    this.client.send(frame);
  }
}
