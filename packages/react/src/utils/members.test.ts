import type { Conversation } from '@causette/protocol';
import { describe, expect, it } from 'vitest';
import { conversationTitle, memberName, otherMembers } from './members';

const conversation = {
  id: 'c-1',
  members: [
    { userId: 'u-alice', displayName: 'Alice', lastReadSeq: 0 },
    { userId: 'u-bruno', displayName: 'Bruno', lastReadSeq: 0 },
  ],
  lastSeq: 0,
  lastMessageAt: '2026-12-05T10:00:00.000Z',
  unreadCount: 0,
  markedUnread: false,
} satisfies Conversation;

describe('members', () => {
  it('names a conversation after the others, and a member by id', () => {
    expect(otherMembers(conversation, 'u-alice').map((m) => m.userId)).toEqual(['u-bruno']);
    expect(conversationTitle(conversation, 'u-alice', '?')).toBe('Bruno');
    expect(conversationTitle({ ...conversation, members: [] }, 'u-alice', '?')).toBe('?');
    expect(memberName(conversation, 'u-bruno', '?')).toBe('Bruno');
    expect(memberName(undefined, 'u-bruno', '?')).toBe('?');
  });
});
