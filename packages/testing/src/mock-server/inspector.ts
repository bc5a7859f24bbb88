import type { MockConnection } from './connection';
import type { PresenceTracker } from './presence';
import { newestFirst } from './state/cursor';
import type { ChatStore } from './state/store';
import type { MockStateInspector } from './types';

/** Read-only views over the current store, for test assertions. */
export function createInspector(
  store: () => ChatStore,
  presence: PresenceTracker,
  connections: () => Iterable<MockConnection>,
): MockStateInspector {
  const live = () => [...connections()].filter((c) => c.connected && c.userId !== null);
  const conversation = (id: string) => {
    const record = store().conversations.get(id);
    if (!record) throw new Error(`Mock server: no conversation "${id}"`);
    return record;
  };
  return {
    messages: (conversationId) => conversation(conversationId).messages.map((m) => store().copy(m)),
    conversation: (conversationId, userId) => store().view(conversation(conversationId), userId),
    conversations: (userId) =>
      store()
        .conversationsOf(userId)
        .sort((a, b) =>
          newestFirst({ at: a.lastMessageAt, id: a.id }, { at: b.lastMessageAt, id: b.id }),
        )
        .map((c) => store().view(c, userId)),
    unread: (userId, conversationId) =>
      conversationId === undefined
        ? store().totalUnread(userId)
        : store().unreadOf(conversation(conversationId), userId),
    presence: (userId) => presence.get([userId])[0],
    pushSubscriptions: (userId) =>
      [...store().push.values()]
        .filter((entry) => entry.userId === userId)
        .map((entry) => ({ ...entry.subscription, keys: { ...entry.subscription.keys } })),
    connectedUsers: () => [...new Set(live().map((c) => c.userId as string))],
    socketCount: (userId) => live().filter((c) => c.userId === userId).length,
  };
}
