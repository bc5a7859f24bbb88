import { sql } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { queryRows } from '../db/raw';
import type { MessageRow } from './mappers';
import { type RawMessageRow, fromRawMessage } from './raw-message';

export interface NewMessage {
  id: string;
  clientId: string;
  conversationId: string;
  senderId: string;
  type: MessageRow['type'];
  content: string;
  attachment: MessageRow['attachment'];
}

export interface StoredMessage {
  row: MessageRow;
  /** The sender's read pointer and flag before this message moved them to it. */
  before: { lastReadSeq: number; markedUnread: boolean };
}

interface Row extends RawMessageRow {
  before_read_seq: number;
  before_marked_unread: boolean;
}

/**
 * Stores a message in one statement, so one round trip and one commit: the conversation's next
 * `seq`, the row, the sender's read pointer moved to it, and `read_at` stamped on the messages
 * of others this completes (what `markReadUpTo` does for `message:read`).
 *
 * Gap-free `seq`: the conversation row's lock orders concurrent senders, and a statement that
 * fails (the `(sender_id, client_id)` unique index of a resend racing its original) rolls its
 * increment back with it. The membership test inside `head` keeps a non-member from burning a
 * `seq`. The sender's pointer before the move is read `FOR UPDATE` in a subquery: under READ
 * COMMITTED that returns the latest committed version, not this statement's snapshot.
 *
 * Resolves undefined when the sender is not a member (or the conversation does not exist).
 */
export async function storeMessage(db: Db, input: NewMessage): Promise<StoredMessage | undefined> {
  const conversation = sql`${input.conversationId}::uuid`;
  const attachment = input.attachment === null ? null : JSON.stringify(input.attachment);
  const [row] = await queryRows<Row>(
    db,
    sql`WITH head AS (
      UPDATE conversations SET last_seq = last_seq + 1, last_message_at = clock_timestamp()
      WHERE id = ${conversation} AND EXISTS (
        SELECT 1 FROM conversation_members
        WHERE conversation_id = ${conversation} AND user_id = ${input.senderId})
      RETURNING last_seq AS seq, last_message_at AS at
    ), reader AS (
      UPDATE conversation_members AS cm SET last_read_seq = head.seq, marked_unread = false
      FROM head, (
        SELECT last_read_seq, marked_unread FROM conversation_members
        WHERE conversation_id = ${conversation} AND user_id = ${input.senderId}
        FOR UPDATE
      ) AS before
      WHERE cm.conversation_id = ${conversation} AND cm.user_id = ${input.senderId}
      RETURNING before.last_read_seq AS before_read_seq,
        before.marked_unread AS before_marked_unread, head.seq, head.at
    ), inserted AS (
      INSERT INTO messages
        (id, client_id, conversation_id, seq, sender_id, type, content, attachment, created_at)
      SELECT ${input.id}::uuid, ${input.clientId}, ${conversation}, reader.seq, ${input.senderId},
        ${input.type}::message_type, ${input.content}, ${attachment}::jsonb, reader.at
      FROM reader
      RETURNING id, client_id, conversation_id, seq, sender_id, type, content, attachment,
        created_at, read_at
    ), stamped AS (
      UPDATE messages AS m SET read_at = clock_timestamp()
      FROM reader
      WHERE m.conversation_id = ${conversation} AND m.read_at IS NULL
        AND m.seq > reader.before_read_seq AND m.seq < reader.seq
        AND NOT EXISTS (
          SELECT 1 FROM conversation_members AS other
          WHERE other.conversation_id = m.conversation_id
            AND other.user_id <> m.sender_id AND other.user_id <> ${input.senderId}
            AND other.last_read_seq < m.seq)
    )
    SELECT inserted.*, reader.before_read_seq, reader.before_marked_unread
    FROM inserted, reader`,
  );
  if (!row) return undefined;
  return {
    row: fromRawMessage(row),
    before: { lastReadSeq: Number(row.before_read_seq), markedUnread: row.before_marked_unread },
  };
}

/** Postgres's unique_violation, through drizzle's wrapper (`cause`) or straight from the driver. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}
