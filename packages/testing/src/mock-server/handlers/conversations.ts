// conversation:* requests and sync.
import { getConversation, listConversations, openConversation } from '../state/conversations';
import { sync } from '../state/messages';
import type { RequestHandlers } from './context';

export const conversationHandlers: Pick<
  RequestHandlers,
  'conversation:list' | 'conversation:get' | 'conversation:open' | 'sync'
> = {
  'conversation:list': (ctx, input) => listConversations(ctx.store, ctx.userId, input),

  'conversation:get': (ctx, input) => ({
    conversation: getConversation(ctx.store, ctx.userId, input.conversationId),
  }),

  'conversation:open': (ctx, input) => {
    const outcome = openConversation(ctx.store, ctx.userId, input);
    // A new conversation reads the same for every member (nothing unread yet).
    if (outcome.created)
      ctx.emitToUsers(outcome.memberIds, 'conversation:new', {
        conversation: outcome.conversation,
      });
    return { conversation: outcome.conversation, created: outcome.created };
  },

  sync: (ctx, input) => sync(ctx.store, ctx.userId, input.cursors),
};
