import type { ManagerOptions, Socket, SocketOptions } from 'socket.io-client';

/** Options every generator socket uses: its own WebSocket (no multiplexing), no polling. */
export const SOCKET_OPTIONS: Partial<ManagerOptions & SocketOptions> = {
  transports: ['websocket'],
  forceNew: true,
  autoConnect: false,
  // The schedule must not wait on a reconnect backoff that grows to the default 5 s.
  reconnectionDelay: 200,
  reconnectionDelayMax: 1_000,
};

/**
 * Connects and resolves on the first `connect`. A handshake refused by a middleware (the chat
 * server's OVERLOADED when a user upsert fails) is not retried by socket.io itself, so it is here,
 * until `deadline` (epoch ms).
 */
export function connectSocket(socket: Socket, deadline: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let lastError = 'no answer';
    const cleanUp = () => {
      clearTimeout(timer);
      socket.off('connect', onConnect);
      socket.off('connect_error', onError);
    };
    const onConnect = () => {
      cleanUp();
      resolve();
    };
    const onError = (error: Error) => {
      lastError = error.message;
      if (!socket.active && Date.now() < deadline) setTimeout(() => socket.connect(), 250);
    };
    const timer = setTimeout(
      () => {
        cleanUp();
        reject(new Error(`could not connect before the set-up deadline (${lastError})`));
      },
      Math.max(0, deadline - Date.now()),
    );
    socket.on('connect', onConnect);
    socket.on('connect_error', onError);
    socket.connect();
  });
}

/** Runs `task` over `items` with at most `limit` at a time; rejects on the first failure. */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
