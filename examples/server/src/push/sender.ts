// One push to one subscription with web-push (VAPID, aes128gcm), and what its answer means.
import type { Agent } from 'node:https';
import type { PushSubscriptionJSON } from '@causette/protocol';
import webpush from 'web-push';
import type { VapidConfig } from '../config';

/** What became of one push. */
export type DeliveryOutcome =
  | { kind: 'sent' }
  /** The subscription is no more (404, 410) or can never work (unusable keys): forget it. */
  | { kind: 'gone'; status?: number }
  /** Worth trying again (429, 5xx, network): after `retryAfterMs` when the service said so. */
  | { kind: 'retry'; status?: number; retryAfterMs?: number }
  /** Refused for good (another 4xx, a private address): give up, keep the subscription. */
  | { kind: 'failed'; status?: number };

/** Sends one push; never rejects. */
export type PushSend = (
  subscription: PushSubscriptionJSON,
  payload: string,
  topic: string,
) => Promise<DeliveryOutcome>;

export interface WebPushSenderOptions {
  vapid: VapidConfig;
  /** How long the push service keeps an undelivered push (`TTL`), in seconds. */
  ttlSeconds: number;
  /** Longest wait for the push service's answer. */
  timeoutMs: number;
  /** The HTTPS agent (the public-only one in production; one trusting a test service in tests). */
  agent?: Agent;
  /** Clock, to read an HTTP-date `Retry-After`. */
  now?: () => number;
}

/** A {@link PushSend} over web-push. */
export function createWebPushSender(options: WebPushSenderOptions): PushSend {
  const now = options.now ?? Date.now;
  const vapidDetails = {
    subject: options.vapid.subject,
    publicKey: options.vapid.publicKey,
    privateKey: options.vapid.privateKey,
  };
  return async (subscription, payload, topic) => {
    if (!hasUsableKeys(subscription)) return { kind: 'gone' };
    try {
      await webpush.sendNotification(
        { endpoint: subscription.endpoint, keys: subscription.keys },
        payload,
        {
          vapidDetails,
          TTL: options.ttlSeconds,
          topic,
          urgency: 'high',
          timeout: options.timeoutMs,
          contentEncoding: 'aes128gcm',
          ...(options.agent ? { agent: options.agent } : {}),
        },
      );
      return { kind: 'sent' };
    } catch (error) {
      return outcomeOf(error, now());
    }
  };
}

/** Classifies a failed send: web-push rejects with a `WebPushError` for any non-2xx answer. */
export function outcomeOf(error: unknown, now: number): DeliveryOutcome {
  if (!(error instanceof webpush.WebPushError)) {
    // A connection refused by the public-only agent will not get better by retrying.
    const code = (error as { code?: unknown } | null)?.code;
    return code === 'EPUSHPRIVATE' ? { kind: 'failed' } : { kind: 'retry' };
  }
  const status = error.statusCode;
  if (status === 404 || status === 410) return { kind: 'gone', status };
  if (status === 429 || status === 408 || status >= 500) {
    const retryAfterMs = parseRetryAfter(error.headers['retry-after'], now);
    return retryAfterMs === undefined
      ? { kind: 'retry', status }
      : { kind: 'retry', status, retryAfterMs };
  }
  return { kind: 'failed', status };
}

/** `Retry-After` (seconds, or an HTTP date) in milliseconds from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(
  header: string | string[] | undefined,
  now: number,
): number | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** A subscription web-push can encrypt for: a 65-byte P-256 point and a 16-byte auth secret. */
function hasUsableKeys(subscription: PushSubscriptionJSON): boolean {
  const bytes = (value: string) =>
    /^[A-Za-z0-9_-]+=*$/.test(value) ? Buffer.from(value, 'base64url') : Buffer.alloc(0);
  const point = bytes(subscription.keys.p256dh);
  return point.length === 65 && point[0] === 4 && bytes(subscription.keys.auth).length === 16;
}
