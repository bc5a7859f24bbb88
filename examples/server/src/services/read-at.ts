import { sql } from 'drizzle-orm';
import type { Db } from '../db/connection';

/**
 * After one member's read pointer moved from `fromSeq` to `toSeq`, stamps `readAt` on the messages
 * in that range that every member other than their sender has now read. Messages outside the
 * range cannot have been completed by this move.
 */
export async function markReadUpTo(
  db: Pick<Db, 'execute'>,
  conversationId: string,
  fromSeq: number,
  toSeq: number,
) {
  if (toSeq <= fromSeq) return;
  await db.execute(sql`
    UPDATE messages AS m SET read_at = clock_timestamp()
    WHERE m.conversation_id = ${conversationId}::uuid
      AND m.read_at IS NULL
      AND m.seq > ${fromSeq} AND m.seq <= ${toSeq}
      AND NOT EXISTS (
        SELECT 1 FROM conversation_members AS cm
        WHERE cm.conversation_id = m.conversation_id
          AND cm.user_id <> m.sender_id
          AND cm.last_read_seq < m.seq
      )`);
}
