import { messageSchema } from '@causette/protocol/schemas';
import { describe, expect, it } from 'vitest';
import {
  findSeedUser,
  seedConversationId,
  seedConversations,
  seedListings,
  seedPresence,
  seedUsers,
} from './index';

const now = Date.UTC(2026, 5, 15, 12, 0, 0);

describe('seed data', () => {
  const conversations = seedConversations(now);

  it('has advertisers, owners and listings that refer to them', () => {
    expect(seedUsers.filter((u) => u.role === 'advertiser').length).toBeGreaterThanOrEqual(2);
    expect(seedUsers.filter((u) => u.role === 'owner').length).toBeGreaterThanOrEqual(2);
    for (const listing of seedListings) {
      expect(findSeedUser(listing.advertiserId)?.role).toBe('advertiser');
      expect(findSeedUser(listing.ownerId)?.role).toBe('owner');
    }
    expect(findSeedUser('u-advertiser-1')?.displayName).toMatch(/Camille/);
    expect(findSeedUser('nobody')).toBeUndefined();
  });

  it('has a conversation long enough to page through', () => {
    const long = conversations.find((c) => c.key === 'lyon-t2');
    expect(long?.messages.length).toBeGreaterThanOrEqual(120);
    expect(long?.id).toBe(seedConversationId('lyon-t2'));
  });

  it('builds messages the protocol accepts, gap-free and in time order', () => {
    for (const conversation of conversations) {
      let previous = '';
      conversation.messages.forEach((message, i) => {
        expect(message.seq).toBe(i + 1);
        expect(message.conversationId).toBe(conversation.id);
        expect(messageSchema.safeParse(message).success).toBe(true);
        expect(message.createdAt > previous).toBe(true);
        expect(Date.parse(message.createdAt)).toBeLessThanOrEqual(now);
        previous = message.createdAt;
      });
      expect(conversation.messages[0]?.type).toBe('SYSTEM');
      expect(conversation.members.map((m) => m.userId).every((id) => findSeedUser(id))).toBe(true);
    }
  });

  it('keeps ids unique and sortable within a conversation', () => {
    const ids = conversations.flatMap((c) => c.messages.map((m) => m.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const conversation of conversations) {
      const sorted = [...conversation.messages].sort((a, b) => (a.id < b.id ? -1 : 1));
      expect(sorted.map((m) => m.seq)).toEqual(conversation.messages.map((m) => m.seq));
    }
  });

  it('is deterministic: ids stay put when now moves, times follow now', () => {
    const later = seedConversations(now + 86_400_000);
    expect(later.map((c) => c.messages.map((m) => [m.id, m.clientId]))).toEqual(
      conversations.map((c) => c.messages.map((m) => [m.id, m.clientId])),
    );
    expect(seedConversations(now)).toEqual(conversations);
    expect(
      Date.parse(later[0]?.createdAt ?? '') - Date.parse(conversations[0]?.createdAt ?? ''),
    ).toBe(86_400_000);
  });

  it('has unread messages, a conversation marked unread, and readAt only where read by the other side', () => {
    const unread = conversations.flatMap((c) =>
      c.members.map((m) => c.messages.length - m.lastReadSeq),
    );
    expect(unread.some((n) => n > 0)).toBe(true);
    expect(conversations.some((c) => c.members.some((m) => m.markedUnread))).toBe(true);
    for (const conversation of conversations) {
      for (const message of conversation.messages) {
        const others = conversation.members.filter((m) => m.userId !== message.senderId);
        expect(message.readAt !== null).toBe(others.every((m) => m.lastReadSeq >= message.seq));
      }
      for (const member of conversation.members) {
        const ownLast = Math.max(
          0,
          ...conversation.messages.filter((m) => m.senderId === member.userId).map((m) => m.seq),
        );
        expect(member.lastReadSeq).toBeGreaterThanOrEqual(ownLast);
      }
    }
  });

  it('seeds everyone offline with a past lastSeen', () => {
    const presence = seedPresence(now);
    expect(presence).toHaveLength(seedUsers.length);
    expect(presence.every((p) => !p.isOnline && Date.parse(p.lastSeen) < now)).toBe(true);
  });
});
