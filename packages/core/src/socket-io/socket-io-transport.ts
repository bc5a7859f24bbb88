import { MAX_PACKET_BYTES } from '@causette/protocol';
import { type ManagerOptions, type Socket, type SocketOptions, io } from 'socket.io-client';
import { ChatError } from '../errors';
import type { ChatSocket, SocketOpenParams, SocketTransport } from '../socket/types';

/** socket.io-client options; what the Connection owns (reconnection, auth, autoConnect) is ignored. */
export type SocketIoOptions = Partial<ManagerOptions & SocketOptions>;

/** socket.io-client's untyped emitting surface, which is all a request needs. */
interface AckEmitter {
  timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> };
  volatile: { emit(event: string, payload: unknown): unknown };
}

/**
 * Runs `emit` and makes sure socket.io did not park the packet in its send buffer (it does so when
 * the socket still looks connected but its heartbeat expired): nothing may be queued below the
 * outbox, so such a packet is taken back and reported unsent. Returns whether it went out.
 */
function emitUnbuffered(socket: Socket, emit: () => void): boolean {
  const before = socket.sendBuffer.length;
  emit();
  if (socket.sendBuffer.length === before) return true;
  socket.sendBuffer.splice(before);
  return false;
}

/** What socket.io-client keeps of the server's handshake: its packet limit (engine.io 4). */
interface EngineInternals {
  io?: { engine?: { _maxPayload?: unknown } };
}

const encoder = new TextEncoder();

/**
 * Whether `payload` would exceed the packet limit the server announced (the protocol's 64 KiB when
 * unknown): the server would close the whole connection over it, and the outbox would then resend
 * it forever, so it is refused before it is sent.
 */
export function tooLarge(socket: Socket, event: string, payload: unknown): ChatError | undefined {
  const announced = (socket as unknown as EngineInternals).io?.engine?._maxPayload;
  const limit = typeof announced === 'number' && announced > 0 ? announced : MAX_PACKET_BYTES;
  let json: string;
  try {
    json = JSON.stringify([event, payload]);
  } catch (cause) {
    return new ChatError('INVALID', `${event} cannot be serialized`, { cause });
  }
  // The packet adds its type and ack id to the JSON; a UTF-8 char weighs at most 3 bytes.
  const overhead = 24;
  if (json.length * 3 + overhead <= limit) return undefined;
  if (encoder.encode(json).byteLength + overhead <= limit) return undefined;
  return new ChatError('TOO_LARGE', `${event} is larger than the server's ${limit} bytes`);
}

/**
 * Emits `event` with an ack and a timeout: resolves the raw ack; rejects `OFFLINE` when the packet
 * could not be sent now, `TIMEOUT` when no ack came back in time or the socket dropped.
 */
export function requestOnSocket(
  socket: Socket,
  event: string,
  payload: unknown,
  timeoutMs: number,
): Promise<unknown> {
  const refusal = tooLarge(socket, event, payload);
  if (refusal) return Promise.reject(refusal);
  let pending: Promise<unknown> | undefined;
  const sent = emitUnbuffered(socket, () => {
    pending = (socket as unknown as AckEmitter).timeout(timeoutMs).emitWithAck(event, payload);
  });
  if (!sent || !pending) {
    // The dropped packet's ack is rejected later, when socket.io clears it: nobody listens.
    pending?.catch(() => undefined);
    return Promise.reject(new ChatError('OFFLINE', `not connected: ${event} was not sent`));
  }
  return pending.catch((cause: unknown) => {
    const timedOut = cause instanceof Error && cause.message === 'operation has timed out';
    // Either way the server may have handled the request: both are TIMEOUT, the "unknown outcome".
    const message = timedOut
      ? `no answer to ${event} within ${timeoutMs} ms`
      : `connection lost before the answer to ${event}`;
    throw new ChatError('TIMEOUT', message, { cause });
  });
}

/** Emits a volatile event (no ack); returns whether it went out. */
export function notifyOnSocket(socket: Socket, event: string, payload: unknown): boolean {
  return emitUnbuffered(socket, () => {
    (socket as unknown as AckEmitter).volatile.emit(event, payload);
  });
}

/** One socket.io-client socket behind the {@link ChatSocket} interface. */
function openSocketIo(params: SocketOpenParams, options: SocketIoOptions): ChatSocket {
  const socket = io(params.url, {
    transports: ['websocket', 'polling'],
    // WebSocket first, and long-polling when the WebSocket cannot open (a proxy that blocks it):
    // without this, engine.io stops at the first transport's failure.
    tryAllTransports: true,
    ...(params.path === undefined ? {} : { path: params.path }),
    ...(params.query === undefined ? {} : { query: params.query }),
    timeout: params.connectTimeoutMs,
    ...options,
    autoConnect: false,
    reconnection: false,
    // Every attempt gets its own Manager, so closing the socket closes its transport too.
    forceNew: true,
    auth: params.auth,
  });
  const { handlers } = params;
  socket.on('connect', () => handlers.connect());
  socket.on('connect_error', (err) =>
    handlers.connectError(err as Parameters<typeof handlers.connectError>[0]),
  );
  socket.on('disconnect', (reason) => handlers.disconnect(reason));
  socket.onAny((event: string, payload: unknown) => handlers.event(event, payload));
  socket.connect();
  return {
    get connected() {
      return socket.connected;
    },
    request: (event, payload, timeoutMs) => requestOnSocket(socket, event, payload, timeoutMs),
    notify: (event, payload) => notifyOnSocket(socket, event, payload),
    close() {
      socket.off();
      socket.offAny();
      socket.disconnect();
    },
  };
}

/**
 * The default transport of `createChatClient`: socket.io-client, WebSocket first with a fallback
 * to HTTP long-polling for networks that block WebSockets (a multi-node server then needs sticky
 * sessions). Pass it yourself to give socket.io-client options of your own:
 *
 * ```ts
 * import { createChatClient, socketIoTransport } from '@causette/core';
 * createChatClient({
 *   url,
 *   getToken,
 *   socketOptions: { transport: socketIoTransport({ transports: ['polling'] }) },
 * });
 * ```
 */
export function socketIoTransport(options: SocketIoOptions = {}): SocketTransport {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('socketIoTransport: options must be an object');
  }
  return (params) => openSocketIo(params, options);
}
