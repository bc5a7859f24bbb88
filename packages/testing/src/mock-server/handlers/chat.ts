// message:* requests and typing: the state module stores, these handlers tell everyone concerned.
import type { Message, SendMessageRequest } from '@causette/protocol';
import { sendMessage } from '../state/messages';
import { history } from '../state/messages';
import { markRead, markUnread } from '../state/read-state';
import { searchMessages } from '../state/search';
import { type RequestContext, type RequestHandlers, pushUnreadCounts } from './context';

/** Stores a message and fans it out exactly as the reference server does. */
export function deliverMessage(ctx: RequestContext, input: SendMessageRequest): Message {
  const outcome = sendMessage(ctx.store, ctx.userId, {
    clientId: input.clientId,
    conversationId: input.conversationId,
    type: input.type,
    content: input.content ?? '',
    ...(input.type === 'IMAGE' ? { attachment: input.attachment } : {}),
  });
  const { message } = outcome;
  if (!outcome.created) return message;
  // Every member socket, the sending one included (docs/protocol.md): clients dedupe by id.
  ctx.emitToUsers(outcome.memberIds, 'message:new', { message });
  ctx.emitToUsers([ctx.userId], 'message:received', {
    messageId: message.id,
    conversationId: message.conversationId,
    seq: message.seq,
  });
  const others = outcome.memberIds.filter((id) => id !== ctx.userId);
  pushUnreadCounts(
    ctx,
    message.conversationId,
    outcome.senderUnreadCleared ? [...others, ctx.userId] : others,
  );
  if (outcome.senderReadAdvanced)
    ctx.emitToUsers(others, 'receipt:read', {
      conversationId: message.conversationId,
      userId: ctx.userId,
      lastReadSeq: message.seq,
      readAt: message.createdAt,
    });
  return message;
}

export const chatHandlers: Pick<
  RequestHandlers,
  'message:send' | 'message:history' | 'message:read' | 'message:unread' | 'message:search'
> = {
  'message:send': (ctx, input) => ({ message: deliverMessage(ctx, input) }),

  'message:history': (ctx, input) => history(ctx.store, ctx.userId, input),

  'message:read': (ctx, input) => {
    const outcome = markRead(ctx.store, ctx.userId, input.messageId);
    if (outcome.changed) pushUnreadCounts(ctx, outcome.conversationId, [ctx.userId]);
    if (outcome.advanced)
      ctx.emitToUsers(
        ctx.store.memberIds(outcome.conversationId).filter((id) => id !== ctx.userId),
        'receipt:read',
        {
          conversationId: outcome.conversationId,
          userId: ctx.userId,
          lastReadSeq: outcome.lastReadSeq,
          readAt: outcome.readAt,
        },
      );
    const { conversationId, lastReadSeq, unreadCount } = outcome;
    return { conversationId, lastReadSeq, unreadCount };
  },

  'message:unread': (ctx, input) => {
    const outcome = markUnread(ctx.store, ctx.userId, input.conversationId, input.messageId);
    if (outcome.changed) pushUnreadCounts(ctx, outcome.conversationId, [ctx.userId]);
    const { conversationId, lastReadSeq, unreadCount } = outcome;
    return { conversationId, lastReadSeq, unreadCount };
  },

  'message:search': (ctx, input) => searchMessages(ctx.store, ctx.userId, input),
};

/** `typing:start` / `typing:stop`: relayed to the other members; a non-member is ignored. */
export function relayTyping(ctx: RequestContext, conversationId: string, isTyping: boolean): void {
  const members = ctx.store.memberIds(conversationId);
  if (!members.includes(ctx.userId)) return;
  ctx.emitToUsers(
    members.filter((id) => id !== ctx.userId),
    'typing:update',
    { conversationId, userId: ctx.userId, isTyping },
  );
}
