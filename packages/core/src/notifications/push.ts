import type { PushSubscriptionJSON } from '@causette/protocol';
import { ChatError } from '../errors';

/** Options of {@link subscribeToPush}. */
export interface SubscribeToPushOptions {
  /** The app's service worker registration (`await navigator.serviceWorker.ready`). */
  serviceWorkerRegistration: ServiceWorkerRegistration;
  /** The server's VAPID public key, base64url (`GET /push/public-key`). */
  publicKey: string;
}

/**
 * Subscribes this browser to Web Push for the server's VAPID key and returns the subscription to
 * send with `push:subscribe`. An existing subscription for the same key is reused; one for
 * another key is replaced. Subscribing asks for notification permission if not yet granted, so
 * call it from a user gesture. Rejects with a `ChatError`: `INVALID` (bad key, no push support),
 * `FORBIDDEN` (permission denied), `UNAVAILABLE` (the push service failed: try again later), or
 * `INTERNAL` (a subscription without endpoint or keys).
 */
export async function subscribeToPush(
  options: SubscribeToPushOptions,
): Promise<PushSubscriptionJSON> {
  const pushManager = options?.serviceWorkerRegistration?.pushManager;
  if (!pushManager || typeof pushManager.subscribe !== 'function') {
    throw new ChatError('INVALID', 'Push messaging is not supported here (no PushManager)');
  }
  const key = decodeVapidKey(options.publicKey);
  let subscription: PushSubscription;
  try {
    const existing = await pushManager.getSubscription();
    if (existing && sameKey(existing, key)) {
      subscription = existing;
    } else {
      await existing?.unsubscribe().catch(() => false);
      subscription = await pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: key,
      });
    }
  } catch (cause) {
    const denied = (cause as { name?: unknown })?.name === 'NotAllowedError';
    throw new ChatError(
      denied ? 'FORBIDDEN' : 'UNAVAILABLE',
      denied ? 'Notification permission was denied' : 'Subscribing to push failed',
      { cause },
    );
  }
  const json = subscription.toJSON();
  const { endpoint, keys } = json;
  if (
    typeof endpoint !== 'string' ||
    !endpoint ||
    typeof keys?.p256dh !== 'string' ||
    typeof keys.auth !== 'string'
  ) {
    throw new ChatError('INTERNAL', 'The push subscription has no endpoint or keys');
  }
  return {
    endpoint,
    expirationTime: json.expirationTime ?? null,
    keys: { p256dh: keys.p256dh, auth: keys.auth },
  };
}

/** The raw bytes of a base64url VAPID public key (an uncompressed P-256 point: 65 bytes, 0x04 first). */
export function decodeVapidKey(publicKey: string): Uint8Array<ArrayBuffer> {
  let bytes: Uint8Array<ArrayBuffer> | undefined;
  if (typeof publicKey === 'string' && /^[A-Za-z0-9_-]+=*$/.test(publicKey)) {
    const base64 = publicKey.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
    try {
      const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
      bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    } catch {
      // Reported below.
    }
  }
  if (!bytes || bytes.length !== 65 || bytes[0] !== 4) {
    throw new ChatError('INVALID', 'publicKey must be a base64url VAPID public key (65 bytes)');
  }
  return bytes;
}

function sameKey(subscription: PushSubscription, key: Uint8Array): boolean {
  const current = subscription.options?.applicationServerKey;
  if (!current) return false;
  const bytes = new Uint8Array(current);
  return bytes.length === key.length && bytes.every((byte, i) => byte === key[i]);
}
