// push:subscribe and push:unsubscribe; the pushes themselves are sent by src/push.
import { endpointProblem } from '../../push/endpoint-policy';
import { ServiceError } from '../../services/errors';
import type { EventHandlers } from './context';

export const pushRequests = {
  'push:subscribe': {
    run: async ({ userId, deps }, input) => {
      // The server will POST to this URL: only a public push service's, unless told otherwise.
      const problem = endpointProblem(input.subscription.endpoint, deps.push);
      if (problem) throw new ServiceError('INVALID', problem);
      await deps.store.push.subscribe(userId, input.subscription, input.previews);
      return {};
    },
  },

  'push:unsubscribe': {
    run: async ({ userId, deps }, input) => {
      await deps.store.push.unsubscribe(userId, input.endpoint);
      return {};
    },
  },
} satisfies Partial<EventHandlers['requests']>;
