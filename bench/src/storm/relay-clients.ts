// The baseline in a worker: plain socket.io-client sockets on the relay, with socket.io-client's
// own reconnection as a user gets it (1 s doubling to 5 s, ±50 % jitter), on the same transports
// as the core client (WebSocket first, long-polling after). Nothing to sync: back is reconnected.
import { type Socket, io } from 'socket.io-client';
import { forEachLimited } from '../load/connect';
import { pairUserIds } from '../load/pair-link';
import { type StormClients, AttemptCounter, BackTracker, waitUntil } from './back-tracker';

const SETUP_CONCURRENCY = 100;

function connectOnce(socket: Socket, deadline: number): Promise<void> {
  socket.connect();
  return waitUntil(
    (check) => {
      socket.on('connect', check);
      return () => socket.off('connect', check);
    },
    () => socket.connected,
    deadline,
    'relay connect',
  );
}

export function relayClients(url: string, runTag: string, pairs: number[]): StormClients {
  const ids = pairs.flatMap((pair) => pairUserIds(runTag, pair));
  const tracker = new BackTracker(ids.length);
  const attempts = new AttemptCounter();
  let counting = false;
  const sockets = ids.map((id) =>
    io(url, {
      // One connection per client, as separate users would have (io() would share one by URL).
      forceNew: true,
      autoConnect: false,
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
      auth: { id },
    }),
  );
  for (const socket of sockets) {
    socket.io.on('reconnect_error', (error) => {
      if (counting) attempts.failed(error.message);
    });
  }
  return {
    tracker,
    restarted: () => attempts.restarted(),
    attemptErrors: () => attempts.errors,
    async setUp(deadline) {
      await forEachLimited(sockets, SETUP_CONCURRENCY, (socket) => connectOnce(socket, deadline));
    },
    async goDown(deadline) {
      await Promise.allSettled(
        sockets.map((socket) =>
          waitUntil(
            (check) => {
              socket.on('disconnect', check);
              return () => socket.off('disconnect', check);
            },
            () => !socket.connected,
            deadline,
            'relay disconnect',
          ),
        ),
      );
      counting = true;
      sockets.forEach((socket, index) => {
        const onConnect = () => tracker.back(index);
        socket.once('connect', onConnect);
        if (socket.connected) onConnect();
      });
      return { stillConnected: sockets.filter((s) => s.connected).length, queued: 0 };
    },
    tally() {
      const notReconnected = sockets.filter((socket) => !socket.connected).length;
      return {
        expected: 0,
        lost: 0,
        doubled: 0,
        unsent: 0,
        notReconnected,
        reconnectedMissing: 0,
        stragglers: [],
      };
    },
    close() {
      for (const socket of sockets) socket.disconnect();
    },
  };
}
