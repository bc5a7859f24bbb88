import { sql } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { queryRows } from '../db/raw';
import { GroupRunner } from './group-runner';

/** The most users one query finds the contacts of. */
export const MAX_USERS_PER_CONTACTS_QUERY = 256;

/**
 * The users who share a conversation with a user (whom their presence is announced to), looked up
 * for many users in one query: when a thousand sockets drop at once, their offline announcements
 * come due together after the grace, and one query serves them all instead of a thousand.
 */
export function createContactsLookup(db: Db): (userId: string) => Promise<string[]> {
  const runner = new GroupRunner<string, string[]>(
    async (userIds) => {
      const distinct = [...new Set(userIds)];
      const rows = await queryRows<{ user_id: string; contact_id: string }>(
        db,
        sql`SELECT DISTINCT me.user_id, other.user_id AS contact_id
            FROM conversation_members AS me
            JOIN conversation_members AS other
              ON other.conversation_id = me.conversation_id AND other.user_id <> me.user_id
            WHERE me.user_id = ANY(ARRAY[${sql.join(
              distinct.map((id) => sql`${id}`),
              sql`, `,
            )}]::text[])`,
      );
      const contacts = new Map<string, string[]>(distinct.map((id) => [id, []]));
      for (const row of rows) contacts.get(row.user_id)?.push(row.contact_id);
      return userIds.map((id) => ({ status: 'fulfilled', value: [...(contacts.get(id) ?? [])] }));
    },
    { maxGroup: MAX_USERS_PER_CONTACTS_QUERY },
  );
  return (userId) => runner.run(userId);
}
