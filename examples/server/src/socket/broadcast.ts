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
  const [totals, perMember] = await Promise.all([
    store.readState.totals(userIds),
    store.readState.perMember(conversationId),
  ]);
  for (const userId of userIds) {
    io.to(userRoom(userId)).emit('unread:count', {
      count: totals.get(userId) ?? 0,
      conversationId,
      conversationUnread: perMember.get(userId) ?? 0,
    });
  }
}
