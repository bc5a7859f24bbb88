import type { Presence } from '@causette/protocol';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { userPresence, users } from '../db/schema';

export interface PresenceService {
  /** Records the user online (as announced), with the socket that brought them online. */
  setOnline(userId: string, socketId: string): Promise<void>;
  /** Records the user offline since `lastSeen` (when their last socket left). */
  setOffline(userId: string, lastSeen: Date): Promise<void>;
  /** Stored presence of `userIds`; users never seen are offline since they were created. */
  get(userIds: readonly string[]): Promise<Presence[]>;
}

export function createPresenceService(db: Db): PresenceService {
  return {
    async setOnline(userId, socketId) {
      const now = new Date();
      await db
        .insert(userPresence)
        .values({ userId, isOnline: true, lastSeen: now, socketId })
        .onConflictDoUpdate({
          target: userPresence.userId,
          set: { isOnline: true, lastSeen: now, socketId },
        });
    },

    async setOffline(userId, lastSeen) {
      await db
        .insert(userPresence)
        .values({ userId, isOnline: false, lastSeen, socketId: null })
        .onConflictDoUpdate({
          target: userPresence.userId,
          set: { isOnline: false, lastSeen, socketId: null },
        });
    },

    async get(userIds) {
      if (userIds.length === 0) return [];
      const rows = await db
        .select({
          userId: users.id,
          createdAt: users.createdAt,
          isOnline: userPresence.isOnline,
          lastSeen: userPresence.lastSeen,
        })
        .from(users)
        .leftJoin(userPresence, eq(userPresence.userId, users.id))
        .where(inArray(users.id, [...userIds]));
      const now = new Date().toISOString();
      return rows.map((row) => ({
        userId: row.userId,
        status: row.isOnline ? 'online' : 'offline',
        lastSeen: row.isOnline ? now : (row.lastSeen ?? row.createdAt).toISOString(),
      }));
    },
  };
}
