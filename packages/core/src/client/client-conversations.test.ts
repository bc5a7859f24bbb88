// The conversation list against a scripted server: what a page says of the conversations that
// only the cache knows.
import type { Conversation, ConversationListResult } from '@causette/protocol';
import { describe, expect, it } from 'vitest';
import { createStore } from '../store/create-store';
import { upsertConversations } from '../store/reducers';
import { type ChatState, initialChatState } from '../store/types';
import { ClientConversations } from './client-conversations';
import type { ClientContext } from './context';

function conversation(id: string, minute: number): Conversation {
  return {
    id,
    members: [],
    lastSeq: minute,
    lastMessageAt: new Date(Date.UTC(2025, 0, 1, 0, minute)).toISOString(),
    unreadCount: 1,
    markedUnread: false,
  };
}

/** A list whose state came from the cache, and a server answering `pages` in turn. */
function setup(cached: Conversation[], pages: ConversationListResult[]) {
  const store = createStore<ChatState>(
    upsertConversations(initialChatState({ kind: 'memory', durable: false }), cached),
  );
  const asked: unknown[] = [];
  const ctx = {
    store,
    connection: { on: () => () => undefined },
    request: (_event: string, payload: unknown) => {
      asked.push(payload);
      return Promise.resolve(pages.shift());
    },
  } as unknown as ClientContext;
  const fromCache = new Set(cached);
  return { store, asked, list: new ClientConversations(ctx, (c) => fromCache.has(c)) };
}

describe('ClientConversations.load and the cached list', () => {
  it('drops what a page covers but does not list, keeps what is older than the page', async () => {
    const cached = [
      conversation('c-new', 50),
      conversation('c-left', 45),
      conversation('c-page2', 10),
      conversation('c-left-too', 5),
    ];
    const { store, asked, list } = setup(cached, [
      {
        conversations: [conversation('c-new', 50), conversation('c-other', 40)],
        nextCursor: 'p2',
      },
      { conversations: [conversation('c-page2', 10)] },
    ]);

    await list.load();
    // c-left sat between two listed conversations: gone. c-page2 and c-left-too may be on page 2.
    expect(store.getSnapshot().conversations.order).toEqual([
      'c-new',
      'c-other',
      'c-page2',
      'c-left-too',
    ]);
    expect(store.getSnapshot().unread.byConversation['c-left']).toBeUndefined();
    expect(store.getSnapshot().conversations.hasMore).toBe(true);

    await list.load({ more: true });
    // The last page covers everything older.
    expect(asked).toEqual([{}, { cursor: 'p2' }]);
    expect(store.getSnapshot().conversations.order).toEqual(['c-new', 'c-other', 'c-page2']);
    expect(store.getSnapshot().conversations.hasMore).toBe(false);
  });

  it('never drops a conversation the server sent, listed on this page or not', async () => {
    const { store, list } = setup(
      [conversation('c-cached', 30)],
      [{ conversations: [conversation('c-cached', 30)] }],
    );
    store.setState((s) => upsertConversations(s, [conversation('c-opened', 20)]));
    await list.load();
    expect(store.getSnapshot().conversations.order).toEqual(['c-cached', 'c-opened']);
  });
});
