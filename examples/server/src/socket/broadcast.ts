import type { Store } from '../services/store';
import type { UnreadCounts } from '../services/unread-counts';
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
  emitUnreadCounts(
    io,
    conversationId,
    userIds,
    await store.readState.counts(conversationId, userIds),
  );
}

/** Sends each of `userIds` their `counts` (0 when missing) for `conversationId`. */
export function emitUnreadCounts(
  io: ChatServer,
  conversationId: string,
  userIds: readonly string[],
  counts: ReadonlyMap<string, UnreadCounts>,
): void {
  for (const userId of userIds) {
    const { total, conversation } = counts.get(userId) ?? { total: 0, conversation: 0 };
    io.to(userRoom(userId)).emit('unread:count', {
      count: total,
      conversationId,
      conversationUnread: conversation,
    });
  }
}
