// presence:get and Web Push subscriptions (stored only: the mock sends no pushes).
import { MockServiceError } from '../state/errors';
import type { RequestHandlers } from './context';

export const presencePushHandlers: Pick<
  RequestHandlers,
  'presence:get' | 'push:subscribe' | 'push:unsubscribe'
> = {
  'presence:get': (ctx, input) => {
    const ids = [...new Set(input.userIds)];
    const visible = ctx.store.sharing(ctx.userId, ids);
    // One stranger in the list refuses the whole request: their status is not disclosed.
    if (ids.some((id) => !visible.has(id)))
      throw new MockServiceError(
        'FORBIDDEN',
        'userIds: you share no conversation with some of these users',
      );
    return { presences: ctx.presence.get(ids) };
  },

  'push:subscribe': (ctx, input) => {
    const { endpoint } = input.subscription;
    ctx.store.push.set(endpoint, { userId: ctx.userId, subscription: { ...input.subscription } });
    return {};
  },

  'push:unsubscribe': (ctx, input) => {
    if (ctx.store.push.get(input.endpoint)?.userId === ctx.userId)
      ctx.store.push.delete(input.endpoint);
    return {};
  },
};
