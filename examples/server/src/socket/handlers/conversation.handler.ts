// conversation:* events and sync.
import { roomsOf } from '../broadcast';
import { assertMayOpen } from '../conversation-policy';
import type { EventHandlers } from './context';

export const conversationRequests = {
  'conversation:list': {
    run: ({ userId, deps }, input) => deps.store.conversations.list(userId, input),
  },

  'conversation:get': {
    run: async ({ userId, deps }, input) => ({
      conversation: await deps.store.conversations.get(userId, input.conversationId),
    }),
  },

  'conversation:open': {
    run: async ({ io, userId, deps }, input) => {
      await assertMayOpen(deps.conversationPolicy, userId, input);
      const outcome = await deps.store.conversations.open(userId, input);
      if (outcome.created)
        io.to(roomsOf(outcome.memberIds)).emit('conversation:new', {
          conversation: outcome.conversation,
        });
      return { conversation: outcome.conversation, created: outcome.created };
    },
  },

  sync: { run: ({ userId, deps }, input) => deps.store.messages.sync(userId, input.cursors) },
} satisfies Partial<EventHandlers['requests']>;
