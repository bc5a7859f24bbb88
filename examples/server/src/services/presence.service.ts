import type { Presence } from '@causette/protocol';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { userPresence, users } from '../db/schema';
import { CONNECT_LINGER_MS, GroupRunner, oneThenEach } from './group-runner';

export interface PresenceService {
  /** Records the user online (as announced), with the socket that brought them online. */
  setOnline(userId: string, socketId: string): Promise<void>;
  /** Records the user offline since `lastSeen` (when their last socket left). */
  setOffline(userId: string, lastSeen: Date): Promise<void>;
  /** Stored presence of `userIds`; users never seen are offline since they were created. */
  get(userIds: readonly string[]): Promise<Presence[]>;
}

/** One user's presence row as a write leaves it. */
interface PresenceWrite {
  userId: string;
  isOnline: boolean;
  lastSeen: Date;
  socketId: string | null;
}

/** The most presence rows one statement writes (a reconnect storm's connects share them). */
export const MAX_PRESENCE_WRITES_PER_STATEMENT = 256;

async function writePresence(db: Db, writes: readonly PresenceWrite[]): Promise<void> {
  await db
    .insert(userPresence)
    .values([...writes])
    .onConflictDoUpdate({
      target: userPresence.userId,
      set: {
        isOnline: sql`excluded.is_online`,
        lastSeen: sql`excluded.last_seen`,
        socketId: sql`excluded.socket_id`,
      },
    });
}

export function createPresenceService(db: Db): PresenceService {
  // Every first socket of a user writes a row, every last one leaving too: after a restart they
  // come by thousands, and one statement serves all that arrived while the previous one ran. A
  // user's writes keep their order (one per statement, the later in the next).
  const writes = new GroupRunner<PresenceWrite, void>(
    oneThenEach(async (group) => {
      await writePresence(db, group);
      return group.map(() => undefined);
    }),
    {
      maxGroup: MAX_PRESENCE_WRITES_PER_STATEMENT,
      key: (write) => write.userId,
      lingerMs: CONNECT_LINGER_MS,
    },
  );
  return {
    setOnline: (userId, socketId) =>
      writes.run({ userId, isOnline: true, lastSeen: new Date(), socketId }),

    setOffline: (userId, lastSeen) =>
      writes.run({ userId, isOnline: false, lastSeen, socketId: null }),

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
