// message:* events and typing: the messages service stores, then this handler emits.
import { ServiceError } from '../../services/errors';
import { emitUnreadCounts, pushUnreadCounts, roomsOf } from '../broadcast';
import { userRoom } from '../types';
import type { EventHandlers, HandlerContext } from './context';

export const chatRequests = {
  'message:send': {
    budget: 'messages',
    run: async (ctx, input) => {
      const { io, userId, deps } = ctx;
      const { store } = deps;
      await store.conversations.assertMember(userId, input.conversationId);
      if (input.type === 'IMAGE' && !(await deps.verifyAttachment(input.attachment, userId))) {
        throw new ServiceError(
          'INVALID',
          'attachment.url: not an upload this server can vouch for',
        );
      }
      const outcome = await store.messages.send(userId, input);
      if (!outcome.created) return { message: outcome.message };
      deps.metrics.messageStored();
      const { message } = outcome;
      // Every member socket, the sending one included: PROTOCOL.md says "every member's sockets",
      // and a client dedupes by id and clientId, so the ack and the event may arrive in any order.
      io.to(roomsOf(outcome.memberIds)).emit('message:new', { message });
      io.to(userRoom(userId)).emit('message:received', {
        messageId: message.id,
        conversationId: message.conversationId,
        seq: message.seq,
      });
      const others = outcome.memberIds.filter((id) => id !== userId);
      const changed = outcome.senderUnreadCleared ? [...others, userId] : others;
      emitUnreadCounts(io, message.conversationId, changed, outcome.unread);
      // Queued, not awaited: the pushes to offline members go out after this ack.
      deps.push.notifier?.messageSent({
        message,
        memberIds: outcome.memberIds,
        senderName: ctx.socket.data.displayName,
      });
      if (outcome.senderReadAdvanced) {
        io.to(roomsOf(others)).emit('receipt:read', {
          conversationId: message.conversationId,
          userId,
          lastReadSeq: message.seq,
          readAt: message.createdAt,
        });
      }
      return { message };
    },
  },

  'message:history': {
    run: ({ userId, deps }, input) => deps.store.messages.history(userId, input),
  },

  'message:read': {
    run: async ({ io, userId, deps }, input) => {
      const { store } = deps;
      const outcome = await store.readState.markRead(userId, input.messageId);
      if (outcome.changed) await pushUnreadCounts(io, store, outcome.conversationId, [userId]);
      if (outcome.advanced) {
        const others = (await store.conversations.memberIds(outcome.conversationId)).filter(
          (id) => id !== userId,
        );
        io.to(roomsOf(others)).emit('receipt:read', {
          conversationId: outcome.conversationId,
          userId,
          lastReadSeq: outcome.lastReadSeq,
          readAt: outcome.readAt,
        });
      }
      return {
        conversationId: outcome.conversationId,
        lastReadSeq: outcome.lastReadSeq,
        unreadCount: outcome.unreadCount,
      };
    },
  },

  'message:unread': {
    run: async ({ io, userId, deps }, input) => {
      const { store } = deps;
      const outcome = await store.readState.markUnread(
        userId,
        input.conversationId,
        input.messageId,
      );
      if (outcome.changed) await pushUnreadCounts(io, store, outcome.conversationId, [userId]);
      return {
        conversationId: outcome.conversationId,
        lastReadSeq: outcome.lastReadSeq,
        unreadCount: outcome.unreadCount,
      };
    },
  },

  'message:search': {
    run: ({ userId, deps }, input) => deps.store.search.search(userId, input),
  },
} satisfies Partial<EventHandlers['requests']>;

const relayTyping =
  (isTyping: boolean) =>
  async ({ io, userId, deps }: HandlerContext, { conversationId }: { conversationId: string }) => {
    const members = await deps.store.conversations.memberIds(conversationId);
    // Not a member: dropped without a word, like every volatile event.
    if (!members.includes(userId)) return;
    const others = members.filter((id) => id !== userId);
    if (others.length > 0)
      io.to(roomsOf(others)).volatile.emit('typing:update', { conversationId, userId, isTyping });
  };

export const chatNotifications = {
  'typing:start': relayTyping(true),
  'typing:stop': relayTyping(false),
} satisfies EventHandlers['notifications'];
