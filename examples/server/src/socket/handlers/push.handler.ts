// push:subscribe and push:unsubscribe; the pushes themselves are sent by src/push.
import { endpointProblem } from '../../push/endpoint-policy';
import { ServiceError } from '../../services/errors';
import { type HandlerContext, onRequest } from './context';

export function registerPushHandlers(ctx: HandlerContext): void {
  const { userId, deps } = ctx;

  onRequest(ctx, 'push:subscribe', async (input) => {
    // The server will POST to this URL: only a public push service's, unless told otherwise.
    const problem = endpointProblem(input.subscription.endpoint, deps.push);
    if (problem) throw new ServiceError('INVALID', problem);
    await deps.store.push.subscribe(userId, input.subscription, input.previews);
    return {};
  });

  onRequest(ctx, 'push:unsubscribe', async (input) => {
    await deps.store.push.unsubscribe(userId, input.endpoint);
    return {};
  });
}
