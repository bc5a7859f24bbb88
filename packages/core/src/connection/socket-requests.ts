import { ChatError } from '../errors';
import type { ChatSocket } from '../socket/types';
import { parseAck } from './ack';

/**
 * A request on a connected socket: resolves the ack's data, rejects with the ack's error, or
 * `OFFLINE`, `TOO_LARGE`, `TIMEOUT`, `ABORTED` (through `signal`), `INTERNAL` for a malformed ack.
 */
export function sendRequest<T>(
  socket: ChatSocket,
  event: string,
  payload: unknown,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<T> {
  const response = socket.request(event, payload, timeoutMs);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new ChatError('ABORTED', `${event} aborted`));
    signal?.addEventListener('abort', onAbort, { once: true });
    response
      .then((ack) => resolve(parseAck<T>(event, ack)))
      .catch(reject)
      .finally(() => signal?.removeEventListener('abort', onAbort));
  });
}
