import type { PushSubscriptionJSON } from '@causette/protocol';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { pushSubscriptions } from '../db/schema';

export interface StoredPushSubscription extends PushSubscriptionJSON {
  userId: string;
}

export interface PushService {
  /** Stores or re-assigns (a browser profile changing user) the subscription. */
  subscribe(userId: string, subscription: PushSubscriptionJSON): Promise<void>;
  /** Removes the caller's subscription; someone else's endpoint is left alone. */
  unsubscribe(userId: string, endpoint: string): Promise<void>;
  forUser(userId: string): Promise<StoredPushSubscription[]>;
}

export function createPushService(db: Db): PushService {
  return {
    async subscribe(userId, subscription) {
      const values = {
        endpoint: subscription.endpoint,
        userId,
        keys: subscription.keys,
        expirationTime: subscription.expirationTime ?? null,
      };
      await db
        .insert(pushSubscriptions)
        .values(values)
        .onConflictDoUpdate({
          target: pushSubscriptions.endpoint,
          set: { userId, keys: values.keys, expirationTime: values.expirationTime },
        });
    },

    async unsubscribe(userId, endpoint) {
      await db
        .delete(pushSubscriptions)
        .where(and(eq(pushSubscriptions.endpoint, endpoint), eq(pushSubscriptions.userId, userId)));
    },

    async forUser(userId) {
      const rows = await db
        .select()
        .from(pushSubscriptions)
        .where(eq(pushSubscriptions.userId, userId));
      return rows.map((row) => ({
        userId: row.userId,
        endpoint: row.endpoint,
        keys: row.keys,
        expirationTime: row.expirationTime,
      }));
    },
  };
}
