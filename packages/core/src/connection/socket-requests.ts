import type { Socket } from 'socket.io-client';
import { ChatError } from '../errors';
import { parseAck } from './ack';

/** socket.io-client's untyped emitting surface, which is all a request needs. */
interface AckEmitter {
  timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> };
  volatile: { emit(event: string, payload: unknown): unknown };
}

/**
 * Runs `emit` and makes sure socket.io did not park the packet in its send buffer (it does so when
 * the socket still looks connected but its heartbeat expired): the contract is that nothing is
 * queued below us, so such a packet is taken back and reported unsent. Returns whether it went out.
 */
function emitUnbuffered(socket: Socket, emit: () => void): boolean {
  const before = socket.sendBuffer.length;
  emit();
  if (socket.sendBuffer.length === before) return true;
  socket.sendBuffer.splice(before);
  return false;
}

/** Maps a rejection of `emitWithAck` to a ChatError. */
function ackFailure(event: string, timeoutMs: number, cause: unknown): ChatError {
  const timedOut = cause instanceof Error && cause.message === 'operation has timed out';
  // Either way the server may have handled the request: both are TIMEOUT, the "unknown outcome".
  return new ChatError(
    'TIMEOUT',
    timedOut
      ? `no answer to ${event} within ${timeoutMs} ms`
      : `connection lost before the answer to ${event}`,
    { cause },
  );
}

/**
 * Emits `event` with an ack and a timeout. Resolves with the raw ack; rejects `OFFLINE` when the
 * packet could not be sent now, `TIMEOUT` when no ack came back in time or the socket dropped.
 */
function emitWithAck(
  socket: Socket,
  event: string,
  payload: unknown,
  timeoutMs: number,
): Promise<unknown> {
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
    throw ackFailure(event, timeoutMs, cause);
  });
}

/** Emits a volatile event (no ack); returns whether it went out. */
export function emitVolatile(socket: Socket, event: string, payload: unknown): boolean {
  return emitUnbuffered(socket, () => {
    (socket as unknown as AckEmitter).volatile.emit(event, payload);
  });
}

/**
 * A request on a connected socket: resolves the ack's data, rejects with the ack's error, or
 * `OFFLINE`, `TIMEOUT`, `ABORTED` (through `signal`), `INTERNAL` for a malformed ack.
 */
export function sendRequest<T>(
  socket: Socket,
  event: string,
  payload: unknown,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<T> {
  const response = emitWithAck(socket, event, payload, timeoutMs);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new ChatError('ABORTED', `${event} aborted`));
    signal?.addEventListener('abort', onAbort, { once: true });
    response
      .then((ack) => resolve(parseAck<T>(event, ack)))
      .catch(reject)
      .finally(() => signal?.removeEventListener('abort', onAbort));
  });
}
