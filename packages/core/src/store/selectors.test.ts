import type { Conversation } from '@causette/protocol';
import { describe, expect, it } from 'vitest';
import { makeMessage } from '../messages/test-messages';
import { EMPTY_WINDOW } from '../messages/timeline';
import {
  applyConversationMessage,
  applyReceipt,
  applyUnreadCount,
  upsertConversations,
} from './reducers';
import * as select from './selectors';
import { initialChatState } from './types';

const conversation = (id: string, at: string, unreadCount = 0): Conversation => ({
  id,
  members: [
    { userId: 'me', displayName: 'Me', lastReadSeq: 2 },
    { userId: 'bob', displayName: 'Bob', lastReadSeq: 1 },
  ],
  lastSeq: 2,
  lastMessageAt: at,
  unreadCount,
  markedUnread: false,
});

describe('selectors and reducers', () => {
  it('orders conversations, sums and reconciles unread, keeps references', () => {
    let state = initialChatState({ kind: 'memory', durable: false });
    state = upsertConversations(state, [
      conversation('a', '2025-01-01', 2),
      conversation('b', '2025-01-02', 1),
    ]);
    expect(select.selectConversationOrder(state)).toEqual(['b', 'a']);
    expect(select.selectUnreadTotal(state)).toBe(3);
    expect(upsertConversations(state, [state.conversations.byId.a as Conversation])).toBe(state);
    state = applyUnreadCount(state, { count: 10, conversationId: 'a', conversationUnread: 5 });
    expect(select.selectUnreadCount('a')(state)).toBe(5);
    expect(select.selectUnreadTotal(state)).toBe(10);
    state = applyConversationMessage(
      state,
      makeMessage(3, { conversationId: 'a', createdAt: '2025-01-03' }),
    );
    expect(select.selectConversationOrder(state)).toEqual(['a', 'b']);
    expect(applyConversationMessage(state, makeMessage(1, { conversationId: 'a' }))).toBe(state);
    const message = {
      ...makeMessage(2, { conversationId: 'a', senderId: 'me' }),
      status: 'sent' as const,
    };
    expect(select.selectReadByOthers(message)(state)).toBe(false);
    state = applyReceipt(state, {
      conversationId: 'a',
      userId: 'bob',
      lastReadSeq: 2,
      readAt: 'x',
    });
    expect(select.selectReadByOthers(message)(state)).toBe(true);
    expect(
      applyReceipt(state, { conversationId: 'a', userId: 'bob', lastReadSeq: 1, readAt: 'x' }),
    ).toBe(state);
    expect(
      applyReceipt(state, { conversationId: 'zz', userId: 'bob', lastReadSeq: 1, readAt: 'x' }),
    ).toBe(state);
    expect(
      select.selectReadByOthers({ ...message, conversationId: 'zz', readAt: 'x' })(state),
    ).toBe(true);
  });

  it('reads every slice with stable empty defaults', () => {
    const state = initialChatState({ kind: 'memory', durable: false });
    expect(select.selectConnection(state).status).toBe('idle');
    expect(select.selectUser(state)).toBeNull();
    expect(select.selectConversation('x')(state)).toBeUndefined();
    expect(select.selectMessageWindow('x')(state)).toBe(EMPTY_WINDOW);
    expect(select.selectMessages('x')(state)).toBe(select.selectMessages('y')(state));
    expect(select.selectTyping('x')(state)).toBe(select.selectTyping('y')(state));
    expect(select.selectPresence('x')(state)).toBeUndefined();
    expect(select.selectActiveConversationId(state)).toBeNull();
    expect(select.selectStorageDurable(state)).toBe(false);
    expect(select.selectUnreadCount('x')(state)).toBe(0);
  });
});
