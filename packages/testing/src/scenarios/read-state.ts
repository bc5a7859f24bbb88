// Read pointers, unread counts and receipts.
import type {
  Conversation,
  ConversationGetResult,
  Message,
  ReadStateResult,
} from '@causette/protocol';
import { describe, expect, it } from 'vitest';
import { type ScenarioKit, pick } from './harness';

export function readStateScenarios(kit: ScenarioKit, timeout: number): void {
  describe('read state', () => {
    it('counts unread exactly, pushes unread:count and receipt:read', { timeout }, async () => {
      const { users, conversationId, a, b } = await kit.conversation();
      const sent: Message[] = [];
      for (const word of ['un', 'deux', 'trois'])
        sent.push(await kit.send(a, conversationId, word));
      const view = async () =>
        (await kit.ok<ConversationGetResult>(b, 'conversation:get', { conversationId }))
          .conversation;
      expect(await view()).toMatchObject({ unreadCount: 3, lastSeq: 3, markedUnread: false });

      const unread = kit.nextEvent(b, 'unread:count');
      const receipt = kit.nextEvent(a, 'receipt:read');
      const read = await kit.ok<ReadStateResult>(b, 'message:read', {
        messageId: pick(sent, 1).id,
      });
      expect(read).toEqual({ conversationId, lastReadSeq: 2, unreadCount: 1 });
      expect(await unread).toEqual({ count: 1, conversationId, conversationUnread: 1 });
      expect(await receipt).toMatchObject({ conversationId, userId: users[1], lastReadSeq: 2 });

      // Reading an older message never moves the pointer back.
      const again = await kit.ok<ReadStateResult>(b, 'message:read', {
        messageId: pick(sent, 0).id,
      });
      expect(again).toEqual({ conversationId, lastReadSeq: 2, unreadCount: 1 });

      const flagged = await kit.ok<ReadStateResult>(b, 'message:unread', { conversationId });
      expect(flagged).toEqual({ conversationId, lastReadSeq: 2, unreadCount: 1 });
      expect(await view()).toMatchObject({ markedUnread: true, unreadCount: 1 });

      const back = await kit.ok<ReadStateResult>(b, 'message:unread', {
        conversationId,
        messageId: pick(sent, 0).id,
      });
      expect(back).toEqual({ conversationId, lastReadSeq: 0, unreadCount: 3 });

      const cleared = kit.nextEvent(b, 'unread:count');
      const all = await kit.ok<ReadStateResult>(b, 'message:read', { messageId: pick(sent, 2).id });
      expect(all).toEqual({ conversationId, lastReadSeq: 3, unreadCount: 0 });
      expect(await cleared).toEqual({ count: 0, conversationId, conversationUnread: 0 });
      const members = (await view()).members;
      expect(
        members.find((m: Conversation['members'][number]) => m.userId === users[1])?.lastReadSeq,
      ).toBe(3);
    });

    it('stamps readAt once every other member has read a message', { timeout }, async () => {
      const { conversationId, a, b } = await kit.conversation();
      const message = await kit.send(a, conversationId, 'Lu ?');
      expect(message.readAt ?? null).toBeNull();
      await kit.ok(b, 'message:read', { messageId: message.id });
      const history = await kit.ok<{ messages: Message[] }>(a, 'message:history', {
        conversationId,
      });
      expect(history.messages[0]?.readAt).toEqual(expect.any(String));
    });
  });
}
