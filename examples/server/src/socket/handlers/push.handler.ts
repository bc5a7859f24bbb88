// Web Push subscriptions are stored here; sending pushes belongs to the scale-out work.
import { type HandlerContext, onRequest } from './context';

export function registerPushHandlers(ctx: HandlerContext): void {
  const { userId, deps } = ctx;

  onRequest(ctx, 'push:subscribe', async (input) => {
    await deps.store.push.subscribe(userId, input.subscription);
    return {};
  });

  onRequest(ctx, 'push:unsubscribe', async (input) => {
    await deps.store.push.unsubscribe(userId, input.endpoint);
    return {};
  });
}
