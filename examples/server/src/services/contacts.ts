import { sql } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { queryRows, sqlArray } from '../db/raw';
import { createBatchedLookup } from './batched-lookup';

/** The most users one query finds the contacts of. */
export const MAX_USERS_PER_CONTACTS_QUERY = 256;

/**
 * The users who share a conversation with a user (whom their presence is announced to), looked up
 * for many users in one query: when a thousand sockets drop at once, their offline announcements
 * come due together after the grace, and one query serves them all instead of a thousand.
 */
export function createContactsLookup(db: Db): (userId: string) => Promise<string[]> {
  return createBatchedLookup(async (userIds) => {
    const rows = await queryRows<{ user_id: string; contact_id: string }>(
      db,
      sql`SELECT DISTINCT me.user_id, other.user_id AS contact_id
          FROM conversation_members AS me
          JOIN conversation_members AS other
            ON other.conversation_id = me.conversation_id AND other.user_id <> me.user_id
          WHERE me.user_id = ANY(${sqlArray(userIds, 'text')})`,
    );
    return rows.map((row) => [row.user_id, row.contact_id] as const);
  }, MAX_USERS_PER_CONTACTS_QUERY);
}
