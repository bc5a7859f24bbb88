// Web Push: which endpoints may be subscribed, and the sender of new messages to offline members.
import { Agent } from 'node:https';
import type { ServerConfig } from '../config';
import type { PushNotifierFactory } from './notifier';
import { pushNotifier } from './notifier';
import { createPublicOnlyAgent } from './public-agent';
import { createWebPushSender } from './sender';

export { endpointProblem, isPublicAddress } from './endpoint-policy';
export type { PushContext, PushNotifier, PushNotifierFactory, SentMessage } from './notifier';
export { pushNotifier } from './notifier';
export { createWebPushSender } from './sender';
export { resolveVapid } from './vapid';

/** The socket server's push settings. */
export interface PushOptions {
  /** Accept subscriptions to private and local endpoints (development and tests only). */
  allowPrivateEndpoints?: boolean;
  /** Sends pushes; none are sent without it (no VAPID keys). */
  notifier?: PushNotifierFactory;
}

/** Longest wait for a push service's answer. */
const PUSH_TIMEOUT_MS = 10_000;

/** The push settings of `config`: a sender when it has VAPID keys, over the public-only agent. */
export function pushOptions(config: ServerConfig): PushOptions {
  const { allowPrivateEndpoints, ttlSeconds, throttleMs } = config.push;
  if (!config.vapid) return { allowPrivateEndpoints };
  const agent = allowPrivateEndpoints
    ? new Agent({ keepAlive: true })
    : createPublicOnlyAgent({ keepAlive: true });
  const send = createWebPushSender({
    vapid: config.vapid,
    ttlSeconds,
    timeoutMs: PUSH_TIMEOUT_MS,
    agent,
  });
  return {
    allowPrivateEndpoints,
    notifier: pushNotifier({
      send,
      throttleMs,
      allowPrivateEndpoints,
      abort: () => agent.destroy(),
    }),
  };
}
