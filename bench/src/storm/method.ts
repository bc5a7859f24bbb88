import { RECONNECT_MAX_DELAY_MS, RECONNECT_MIN_DELAY_MS } from '@causette/protocol';
import type { ReconnectPolicy } from './types';

/** One line for the JSON report; METHOD.md says it at length. */
export const STORM_METHOD =
  'N clients (two per pair, forked workers) connected and synced; the server is SIGKILLed, held ' +
  'down, restarted on the same port and storage. Per client: time from the restarted server ' +
  'answering /healthz until its socket is connected again, and until it is back (connected, every ' +
  'message it should hold in its store: the pair history and what the offline quarter queued). ' +
  'Percentiles over all clients, those not back within the bound count as never. Baseline: plain ' +
  'socket.io-client sockets on the plain relay, killed and held down as long (back = reconnected).';

/** The policies as a user gets them, read from the defaults the clients run with. */
export function reconnectPolicy(): ReconnectPolicy {
  return {
    causette:
      `@causette/core defaults: full jitter, delay = ${RECONNECT_MIN_DELAY_MS} + random × ` +
      `(min(${RECONNECT_MAX_DELAY_MS}, ${RECONNECT_MIN_DELAY_MS} × 2^(attempt + 1)) − ` +
      `${RECONNECT_MIN_DELAY_MS}) ms, attempt 0 after a drop; connect timeout 20 s; request ` +
      `timeout 10 s`,
    baseline:
      'socket.io-client defaults: reconnectionDelay 1000 ms doubling to reconnectionDelayMax ' +
      '5000 ms, randomizationFactor 0.5; timeout 20 s',
  };
}
