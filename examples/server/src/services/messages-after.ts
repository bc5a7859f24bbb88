import { SYNC_MAX_MESSAGES_PER_CONVERSATION } from '@causette/protocol';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { queryRows, sqlArray } from '../db/raw';
import { CONNECT_LINGER_MS, GroupRunner } from './group-runner';
import type { RawMessageRow } from './raw-message';

/** A conversation a client is behind in, and the seq it has up to. */
export interface Behind {
  id: string;
  after: number;
}

/** The most sync requests one statement answers. */
export const MAX_SYNCS_PER_MESSAGES_QUERY = 64;

/**
 * The messages after each cursor, up to the cap + 1 per conversation (the extra one says it was
 * truncated), in cursor order, then seq. One statement answers every sync of a group, whatever
 * the number of conversations: after a restart, the clients that missed messages all ask within
 * seconds.
 */
export function createMessagesAfterLookup(
  db: Db,
): (behind: readonly Behind[]) => Promise<RawMessageRow[]> {
  const runner = new GroupRunner<readonly Behind[], RawMessageRow[]>(
    async (requests) => {
      const all = requests.flat();
      // Which request each cursor (by its 1-based position in `all`) belongs to.
      const owner = requests.flatMap((request, i) => request.map(() => i));
      const rows = await queryRows<RawMessageRow & { n: number | string }>(
        db,
        sql`SELECT m.id, m.client_id, m.conversation_id, m.seq, m.sender_id, m.type, m.content,
                   m.attachment, m.created_at, m.read_at, b.n
            FROM unnest(
              ${sqlArray(
                all.map((b) => b.id),
                'uuid',
              )},
              ${sqlArray(
                all.map((b) => b.after),
                'bigint',
              )}
            ) WITH ORDINALITY AS b(id, after, n)
            CROSS JOIN LATERAL (
              SELECT * FROM messages m
              WHERE m.conversation_id = b.id AND m.seq > b.after
              ORDER BY m.seq
              LIMIT ${SYNC_MAX_MESSAGES_PER_CONVERSATION + 1}
            ) AS m
            ORDER BY b.n, m.seq`,
      );
      const answers: RawMessageRow[][] = requests.map(() => []);
      for (const { n, ...row } of rows) answers[owner[Number(n) - 1] ?? -1]?.push(row);
      return answers.map((value) => ({ status: 'fulfilled', value }));
    },
    { maxGroup: MAX_SYNCS_PER_MESSAGES_QUERY, lingerMs: CONNECT_LINGER_MS },
  );
  return (behind) => (behind.length === 0 ? Promise.resolve([]) : runner.run(behind));
}
