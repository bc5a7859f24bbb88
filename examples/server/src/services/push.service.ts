import type { PushSubscriptionJSON } from '@causette/protocol';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { pushSubscriptions, users } from '../db/schema';

export interface StoredPushSubscription extends PushSubscriptionJSON {
  userId: string;
}

/** Where a user's pushes go, and whether they may show the message text. */
export interface PushTargets {
  previews: boolean;
  subscriptions: StoredPushSubscription[];
}

export interface PushService {
  /**
   * Stores or re-assigns (a browser profile changing user) the subscription; `previews`, when
   * given, becomes the user's choice for every subscription.
   */
  subscribe(userId: string, subscription: PushSubscriptionJSON, previews?: boolean): Promise<void>;
  /** Removes the caller's subscription; someone else's endpoint is left alone. */
  unsubscribe(userId: string, endpoint: string): Promise<void>;
  forUser(userId: string): Promise<StoredPushSubscription[]>;
  /** The user's subscriptions and previews choice (previews on for a user never stored). */
  targets(userId: string): Promise<PushTargets>;
  /** Forgets an endpoint the push service said is gone (404, 410), whoever holds it. */
  remove(endpoint: string): Promise<void>;
}

export function createPushService(db: Db): PushService {
  const forUser = async (userId: string): Promise<StoredPushSubscription[]> => {
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
  };

  return {
    async subscribe(userId, subscription, previews) {
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
      if (previews !== undefined) {
        await db.update(users).set({ pushPreviews: previews }).where(eq(users.id, userId));
      }
    },

    async unsubscribe(userId, endpoint) {
      await db
        .delete(pushSubscriptions)
        .where(and(eq(pushSubscriptions.endpoint, endpoint), eq(pushSubscriptions.userId, userId)));
    },

    forUser,

    async targets(userId) {
      const [subscriptions, user] = await Promise.all([
        forUser(userId),
        db.select({ previews: users.pushPreviews }).from(users).where(eq(users.id, userId)),
      ]);
      return { previews: user[0]?.previews ?? true, subscriptions };
    },

    async remove(endpoint) {
      await db.delete(pushSubscriptions).where(eq(pushSubscriptions.endpoint, endpoint));
    },
  };
}
