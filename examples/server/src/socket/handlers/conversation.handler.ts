// conversation:* events and sync.
import { roomsOf } from '../broadcast';
import { assertMayOpen } from '../conversation-policy';
import { type HandlerContext, onRequest } from './context';

export function registerConversationHandlers(ctx: HandlerContext): void {
  const { io, userId, deps } = ctx;
  const { store } = deps;

  onRequest(ctx, 'conversation:list', (input) => store.conversations.list(userId, input));

  onRequest(ctx, 'conversation:get', async (input) => ({
    conversation: await store.conversations.get(userId, input.conversationId),
  }));

  onRequest(ctx, 'conversation:open', async (input) => {
    await assertMayOpen(deps.conversationPolicy, userId, input);
    const outcome = await store.conversations.open(userId, input);
    if (outcome.created)
      io.to(roomsOf(outcome.memberIds)).emit('conversation:new', {
        conversation: outcome.conversation,
      });
    return { conversation: outcome.conversation, created: outcome.created };
  });

  onRequest(ctx, 'sync', (input) => store.messages.sync(userId, input.cursors));
}
