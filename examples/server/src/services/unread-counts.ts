import { sql } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { queryRows } from '../db/raw';
import { GroupRunner } from './group-runner';
import { isUuid } from './ids';

export interface UnreadCounts {
  total: number;
  conversation: number;
}

interface Request {
  conversationId: string;
  userIds: readonly string[];
}

type Counts = Map<string, UnreadCounts>;

/**
 * unreadCount() of unread.ts in SQL (the database function of migration 0003, which the send
 * statement uses too), for a `conversation_members AS cm` row joined with its `conversations AS c`.
 */
const UNREAD_SQL = sql.raw('causette_unread(cm.marked_unread, c.last_seq, cm.last_read_seq)');

/** The most requests one query answers; see `MAX_MESSAGES_PER_STATEMENT`. */
const MAX_REQUESTS_PER_QUERY = 128;

/**
 * For each of `userIds`: their unread total over all conversations and their count in
 * `conversationId` (0 when they are not in it), for `message:read` and `message:unread` (a send
 * reads its counts in its own statement). Requests arriving while one query runs are answered
 * together by the next.
 */
export function createUnreadCounter(
  db: Db,
): (conversationId: string, userIds: readonly string[]) => Promise<Counts> {
  const runner = new GroupRunner<Request, Counts>(
    async (requests) => {
      const answers = await countAll(db, requests);
      return answers.map((value) => ({ status: 'fulfilled', value }));
    },
    { maxGroup: MAX_REQUESTS_PER_QUERY },
  );
  return (conversationId, userIds) =>
    userIds.length === 0 ? Promise.resolve(new Map()) : runner.run({ conversationId, userIds });
}

async function countAll(db: Db, requests: readonly Request[]): Promise<Counts[]> {
  // A malformed id matches nothing rather than failing everyone's query on its cast.
  const pairs = requests.flatMap(({ conversationId, userIds }) =>
    userIds.map((userId) => ({
      user_id: userId,
      conversation_id: isUuid(conversationId) ? conversationId : null,
    })),
  );
  const rows = await queryRows<{ user_id: string; conversation_id: string | null; unread: number }>(
    db,
    sql`WITH pairs AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(pairs)}::jsonb)
        AS p(user_id text, conversation_id uuid)
    ), mine AS (
      SELECT cm.user_id, cm.conversation_id,
        ${UNREAD_SQL} AS unread
      FROM conversation_members AS cm JOIN conversations AS c ON c.id = cm.conversation_id
      WHERE cm.user_id IN (SELECT user_id FROM pairs)
    )
    SELECT user_id, NULL::uuid AS conversation_id, sum(unread)::int AS unread
    FROM mine GROUP BY user_id
    UNION ALL
    SELECT mine.user_id, mine.conversation_id, mine.unread::int
    FROM mine JOIN (SELECT DISTINCT user_id, conversation_id FROM pairs) AS p
      ON p.user_id = mine.user_id AND p.conversation_id = mine.conversation_id`,
  );
  const totals = new Map<string, number>();
  const here = new Map<string, number>();
  for (const row of rows) {
    if (row.conversation_id === null) totals.set(row.user_id, Number(row.unread));
    else here.set(`${row.user_id}\n${row.conversation_id.toLowerCase()}`, Number(row.unread));
  }
  return requests.map(
    ({ conversationId, userIds }) =>
      new Map(
        userIds.map((userId) => [
          userId,
          {
            total: totals.get(userId) ?? 0,
            conversation: here.get(`${userId}\n${conversationId.toLowerCase()}`) ?? 0,
          },
        ]),
      ),
  );
}
