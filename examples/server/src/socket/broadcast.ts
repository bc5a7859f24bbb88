import type { Store } from '../services/store';
import { type ChatServer, userRoom } from './types';

/** Rooms of `userIds`. */
export function roomsOf(userIds: Iterable<string>): string[] {
  return [...userIds].map(userRoom);
}

/** Sends each user their new unread total with this conversation's count, on all their sockets. */
export async function pushUnreadCounts(
  io: ChatServer,
  store: Store,
  conversationId: string,
  userIds: readonly string[],
): Promise<void> {
  if (userIds.length === 0) return;
  const counts = await store.readState.counts(conversationId, userIds);
  for (const userId of userIds) {
    const { total, conversation } = counts.get(userId) ?? { total: 0, conversation: 0 };
    io.to(userRoom(userId)).emit('unread:count', {
      count: total,
      conversationId,
      conversationUnread: conversation,
    });
  }
}
