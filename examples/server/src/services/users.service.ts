import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { users } from '../db/schema';
import { CONNECT_LINGER_MS, GroupRunner, oneThenEach } from './group-runner';

/** Who a verified token says the user is. */
export interface UserProfile {
  id: string;
  displayName: string;
  avatarUrl?: string;
  role?: string;
}

export interface UsersService {
  /** Creates the user or refreshes their profile (on every connect). */
  upsert(profile: UserProfile): Promise<void>;
  /** The ids among `ids` that name no stored user. */
  missing(ids: readonly string[]): Promise<string[]>;
}

/** The most profiles one upsert statement writes (a reconnect storm's handshakes share them). */
export const MAX_PROFILES_PER_STATEMENT = 256;

/**
 * Writes `profiles` (distinct ids) in one statement. A row whose profile did not change is left
 * alone: a reconnect writes nothing, only the first connect and a changed name or avatar do.
 */
async function upsertProfiles(db: Db, profiles: readonly UserProfile[]): Promise<void> {
  await db
    .insert(users)
    .values(
      profiles.map((profile) => ({
        id: profile.id,
        displayName: profile.displayName,
        avatarUrl: profile.avatarUrl ?? null,
        role: profile.role ?? null,
      })),
    )
    .onConflictDoUpdate({
      target: users.id,
      set: {
        displayName: sql`excluded.display_name`,
        avatarUrl: sql`excluded.avatar_url`,
        role: sql`excluded.role`,
        updatedAt: sql`now()`,
      },
      setWhere: sql`(${users.displayName}, ${users.avatarUrl}, ${users.role})
        IS DISTINCT FROM (excluded.display_name, excluded.avatar_url, excluded.role)`,
    });
}

export function createUsersService(db: Db): UsersService {
  // Every handshake upserts its user: under a reconnect storm they arrive by thousands, and
  // one statement (and one commit) serves all those that came while the previous one ran.
  const upserts = new GroupRunner<UserProfile, void>(
    oneThenEach(async (profiles) => {
      await upsertProfiles(db, profiles);
      return profiles.map(() => undefined);
    }),
    {
      maxGroup: MAX_PROFILES_PER_STATEMENT,
      key: (profile) => profile.id,
      lingerMs: CONNECT_LINGER_MS,
    },
  );
  return {
    upsert: (profile) => upserts.run(profile),

    async missing(ids) {
      if (ids.length === 0) return [];
      const found = await db
        .select({ id: users.id })
        .from(users)
        .where(inArray(users.id, [...ids]));
      const known = new Set(found.map((row) => row.id));
      return ids.filter((id) => !known.has(id));
    },
  };
}
