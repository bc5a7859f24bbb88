import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { users } from '../db/schema';

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

export function createUsersService(db: Db): UsersService {
  return {
    async upsert(profile) {
      const values = {
        id: profile.id,
        displayName: profile.displayName,
        avatarUrl: profile.avatarUrl ?? null,
        role: profile.role ?? null,
      };
      await db
        .insert(users)
        .values(values)
        .onConflictDoUpdate({
          target: users.id,
          set: {
            displayName: values.displayName,
            avatarUrl: values.avatarUrl,
            role: values.role,
            updatedAt: sql`now()`,
          },
        });
    },

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
