import type { ClientToServerEvents, ServerToClientEvents } from '@causette/protocol';
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
import { retryDelayOf } from './retry';
import { mintToken } from './tokens';

type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Pairs on the chat server: both users connect with a token (the server upserts them at the
 * handshake), then A opens their conversation. A message is `message:send` with a unique
 * `clientId`; it arrives at the peer as `message:new` (the sender's own copy is not counted).
 * With `retryRefused`, a send refused as transient goes again with the same `clientId`, as the
 * core's outbox does; without it the refusal is the message's answer.
 */
export function causettePairs(
  url: string,
  jwtSecret: string,
  runTag: string,
  hooks: PairHooks,
  { retryRefused = false }: { retryRefused?: boolean } = {},
): OpenPair {
  const secret = new TextEncoder().encode(jwtSecret);
  return async (pair, deadline) => {
    const ids = pairUserIds(runTag, pair);
    const tokens = await Promise.all(ids.map((id) => mintToken(secret, id)));
    const sockets = ids.map((id, i) => {
      const socket: ChatSocket = io(url, { ...SOCKET_OPTIONS, auth: { token: tokens[i] } });
      socket.on('message:new', ({ message }) => {
        if (message.senderId !== id) hooks.onReceive(message.clientId, performance.now());
      });
      return socket;
    }) as [ChatSocket, ChatSocket];
    return setUpPair(
      sockets,
      async () => {
        // Both first: the conversation names B, who exists once B's handshake has upserted them.
        await Promise.all(sockets.map((socket) => connectSocket(socket, deadline)));
        const conversationId = await openConversation(sockets[0], ids[1], deadline);
        return (fromA, key) => {
          const sender = fromA ? sockets[0] : sockets[1];
          const payload = {
            clientId: key,
            conversationId,
            type: 'TEXT' as const,
            content: messageContent(key),
          };
          const attempt = (n: number) =>
            sender.emit('message:send', payload, (answer) => {
              const wait = retryRefused ? retryDelayOf(answer, n) : undefined;
              if (wait === undefined) return hooks.onAck(key, ackOutcome(answer));
              hooks.onRefused(key);
              setTimeout(() => attempt(n + 1), wait);
            });
          attempt(0);
        };
      },
      hooks,
    );
  };
}

async function openConversation(
  socket: ChatSocket,
  peerId: string,
  deadline: number,
): Promise<string> {
  const answer = await socket
    .timeout(Math.max(1, deadline - Date.now()))
    .emitWithAck('conversation:open', { participantIds: [peerId] });
  if (!answer.ok) {
    throw new Error(`conversation:open answered ${answer.error.code}: ${answer.error.message}`);
  }
  return answer.data.conversation.id;
}
