import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { queryRows, sqlArray } from '../db/raw';
import { createBatchedLookup } from './batched-lookup';

/** A conversation of the user's and the seq of its last message. */
export interface ConversationHead {
  id: string;
  lastSeq: number;
}

/** The most users one query finds the conversations of. */
export const MAX_USERS_PER_HEADS_QUERY = 256;

/** The conversations of each of `userIds` (distinct) with their last seq, one row each. */
export function headsQuery(userIds: readonly string[]): SQL {
  return sql`SELECT u.user_id, c.id, c.last_seq
    FROM unnest(${sqlArray(userIds, 'text')}) AS u(user_id)
    CROSS JOIN LATERAL (
      SELECT c.id, c.last_seq FROM conversations c
      WHERE c.id = ANY(ARRAY(
        SELECT m.conversation_id FROM conversation_members m WHERE m.user_id = u.user_id
      ))
    ) AS c`;
}

/**
 * Each user's conversations with their last seq (where `sync` starts), looked up for many users
 * in one query: after a restart every client syncs within seconds, and PGlite's cost is per
 * statement far more than per row. Per user the plan stays two index lookups (their memberships,
 * then those conversations by primary key): a join of members to conversations let the planner
 * hash the whole conversations table.
 */
export function createConversationHeadsLookup(
  db: Db,
): (userId: string) => Promise<ConversationHead[]> {
  return createBatchedLookup(async (userIds) => {
    const rows = await queryRows<{ user_id: string; id: string; last_seq: number | string }>(
      db,
      headsQuery(userIds),
    );
    return rows.map((row) => [row.user_id, { id: row.id, lastSeq: Number(row.last_seq) }] as const);
  }, MAX_USERS_PER_HEADS_QUERY);
}
