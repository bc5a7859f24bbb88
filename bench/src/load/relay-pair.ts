import { io, type Socket } from 'socket.io-client';
import { SOCKET_OPTIONS, connectSocket } from './connect';
import {
  type OpenPair,
  type PairHooks,
  ackOutcome,
  messageContent,
  pairUserIds,
  setUpPair,
} from './pair-link';
import type { RelayClientToServer, RelayServerToClient } from './relay-events';

type RelaySocket = Socket<RelayServerToClient, RelayClientToServer>;

/** Pairs on the plain relay: each socket joins the room of its id; a send names the peer's. */
export function relayPairs(url: string, runTag: string, hooks: PairHooks): OpenPair {
  return async (pair, deadline) => {
    const ids = pairUserIds(runTag, pair);
    const sockets = ids.map((id) => {
      const socket: RelaySocket = io(url, { ...SOCKET_OPTIONS, auth: { id } });
      socket.on('receive', (payload) => hooks.onReceive(payload.key, performance.now()));
      return socket;
    }) as [RelaySocket, RelaySocket];
    return setUpPair(
      sockets,
      async () => {
        await Promise.all(sockets.map((socket) => connectSocket(socket, deadline)));
        return (fromA, key) => {
          const [sender, to] = fromA ? [sockets[0], ids[1]] : [sockets[1], ids[0]];
          sender.emit('send', { to, payload: { key, content: messageContent(key) } }, (answer) =>
            hooks.onAck(key, ackOutcome(answer)),
          );
        };
      },
      hooks,
    );
  };
}
