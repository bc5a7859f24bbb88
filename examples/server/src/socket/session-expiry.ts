import type { ChatSocket } from './types';

/** setTimeout's longest delay; longer tokens re-arm the timer. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Drops the socket when its token expires, telling it first with `session:expired` so the client
 * reconnects with a fresh token. Returns a function that cancels the timer.
 */
export function scheduleSessionExpiry(
  socket: ChatSocket,
  expiresAt: number,
  now: () => number,
): () => void {
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    const delay = expiresAt - now();
    if (delay <= 0) {
      socket.emit('session:expired', {});
      socket.disconnect(true);
      return;
    }
    timer = setTimeout(arm, Math.min(delay, MAX_TIMER_MS));
    timer.unref();
  };
  arm();
  return () => clearTimeout(timer);
}
