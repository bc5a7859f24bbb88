import { inArray } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { conversationMembers } from '../db/schema';
import { createBatchedLookup } from './batched-lookup';

/** The most conversations one query reads the members of. */
export const MAX_CONVERSATIONS_PER_MEMBERS_QUERY = 256;

/**
 * The member ids of conversations (an empty list for one that does not exist), read for many
 * conversations in one query. The member cache asks only when cold, but after a restart it is cold
 * for every conversation at once: the clients' queued sends come back together.
 */
export function createMemberListsLookup(db: Db): (conversationId: string) => Promise<string[]> {
  return createBatchedLookup(async (conversationIds) => {
    const rows = await db
      .select({
        conversationId: conversationMembers.conversationId,
        userId: conversationMembers.userId,
      })
      .from(conversationMembers)
      .where(inArray(conversationMembers.conversationId, conversationIds));
    return rows.map((row) => [row.conversationId, row.userId] as const);
  }, MAX_CONVERSATIONS_PER_MEMBERS_QUERY);
}
