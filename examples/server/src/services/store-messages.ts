import { sql } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { queryRows } from '../db/raw';
import type { MessageRow } from './mappers';
import { type RawMessageRow, fromRawMessage } from './raw-message';
import { UNREAD_SQL } from './unread-counts';

export interface NewMessage {
  id: string;
  clientId: string;
  conversationId: string;
  senderId: string;
  type: MessageRow['type'];
  content: string;
  attachment: MessageRow['attachment'];
}

/** A member's read state as the statement found it, before any message of its group. */
export interface MemberBefore {
  userId: string;
  lastReadSeq: number;
  markedUnread: boolean;
  /** Their unread total over all conversations. */
  total: number;
}

export interface StoredMessage {
  row: MessageRow;
  /** The sender's read pointer and flag before this message moved them to it. */
  before: { lastReadSeq: number; markedUnread: boolean };
  /** Every member of the conversation, as the statement found them. */
  members: MemberBefore[];
}

/** `[userId, lastReadSeq, markedUnread, total]` */
type MemberTuple = [string, number, boolean, number];

interface Row extends RawMessageRow {
  before_read_seq: number;
  before_marked_unread: boolean;
  members: MemberTuple[] | string;
}

/**
 * Stores messages, each in a different conversation, in one statement: one round trip and one
 * commit for all of them. For each: the conversation's next `seq`, the row, the sender's read
 * pointer moved to it, and `read_at` stamped on the messages of others this completes (what
 * `markReadUpTo` does for `message:read`). It also reads what the unread counts pushed after a
 * send need (`unreadAfter`), so they cost no second query.
 *
 * One message per conversation keeps each exactly the single-message case: a statement sees the
 * tables as they were when it began, so a second message of the same conversation could not see
 * the first one's `seq` or pointer. The caller queues it for the next statement.
 *
 * Gap-free `seq`: the conversation row's lock orders concurrent senders, and a statement that
 * fails (the `(sender_id, client_id)` unique index of a resend racing its original) rolls every
 * increment back with it. The membership test inside `head` keeps a non-member from burning a
 * `seq`. The senders' pointers before the move are read `FOR UPDATE`: under READ COMMITTED that
 * returns the latest committed version, not this statement's snapshot.
 *
 * Answers in the order of `inputs`: the stored message, or undefined when its sender is not a
 * member (or the conversation does not exist). Throws for the whole group, storing nothing, when
 * any of them fails (a duplicate `clientId`, a deadlock with another process).
 */
export async function storeMessages(
  db: Db,
  inputs: readonly NewMessage[],
): Promise<Array<StoredMessage | undefined>> {
  if (inputs.length === 0) return [];
  const conversations = new Set(inputs.map((input) => input.conversationId));
  if (conversations.size !== inputs.length) {
    throw new RangeError('storeMessages: at most one message per conversation');
  }
  const records = JSON.stringify(
    inputs.map((input) => ({
      id: input.id,
      client_id: input.clientId,
      conversation_id: input.conversationId,
      sender_id: input.senderId,
      type: input.type,
      content: input.content,
      attachment: input.attachment,
    })),
  );
  const rows = await queryRows<Row>(
    db,
    sql`WITH input AS (
      SELECT * FROM jsonb_to_recordset(${records}::jsonb) AS t(id uuid, client_id text,
        conversation_id uuid, sender_id text, type message_type, content text, attachment jsonb)
    ), head AS (
      UPDATE conversations AS c SET last_seq = c.last_seq + 1, last_message_at = clock_timestamp()
      FROM input AS i
      WHERE c.id = i.conversation_id AND EXISTS (
        SELECT 1 FROM conversation_members AS m
        WHERE m.conversation_id = i.conversation_id AND m.user_id = i.sender_id)
      RETURNING c.id AS conversation_id, c.last_seq AS seq, c.last_message_at AS at
    ), before AS (
      SELECT m.conversation_id, m.user_id, m.last_read_seq, m.marked_unread
      FROM conversation_members AS m JOIN input AS i
        ON m.conversation_id = i.conversation_id AND m.user_id = i.sender_id
      FOR UPDATE OF m
    ), reader AS (
      UPDATE conversation_members AS cm SET last_read_seq = head.seq, marked_unread = false
      FROM head, before AS b
      WHERE b.conversation_id = head.conversation_id
        AND cm.conversation_id = b.conversation_id AND cm.user_id = b.user_id
      RETURNING cm.conversation_id, cm.user_id, b.last_read_seq AS before_read_seq,
        b.marked_unread AS before_marked_unread, head.seq, head.at
    ), inserted AS (
      INSERT INTO messages
        (id, client_id, conversation_id, seq, sender_id, type, content, attachment, created_at)
      SELECT i.id, i.client_id, i.conversation_id, r.seq, i.sender_id, i.type, i.content,
        i.attachment, r.at
      FROM input AS i JOIN reader AS r ON r.conversation_id = i.conversation_id
      RETURNING id, client_id, conversation_id, seq, sender_id, type, content, attachment,
        created_at, read_at
    ), stamped AS (
      UPDATE messages AS m SET read_at = clock_timestamp()
      FROM reader AS r
      WHERE m.conversation_id = r.conversation_id AND m.read_at IS NULL
        AND m.seq > r.before_read_seq AND m.seq < r.seq
        AND NOT EXISTS (
          SELECT 1 FROM conversation_members AS other
          WHERE other.conversation_id = m.conversation_id
            AND other.user_id <> m.sender_id AND other.user_id <> r.user_id
            AND other.last_read_seq < m.seq)
    ), members AS (
      SELECT m.conversation_id, m.user_id, m.last_read_seq, m.marked_unread
      FROM conversation_members AS m JOIN head ON head.conversation_id = m.conversation_id
    ), totals AS (
      SELECT cm.user_id, sum(${UNREAD_SQL})::int AS total
      FROM conversation_members AS cm JOIN conversations AS c ON c.id = cm.conversation_id
      WHERE cm.user_id IN (SELECT user_id FROM members)
      GROUP BY cm.user_id
    )
    SELECT inserted.*, reader.before_read_seq, reader.before_marked_unread,
      (SELECT jsonb_agg(jsonb_build_array(mm.user_id, mm.last_read_seq, mm.marked_unread, t.total))
        FROM members AS mm JOIN totals AS t ON t.user_id = mm.user_id
        WHERE mm.conversation_id = inserted.conversation_id) AS members
    FROM inserted JOIN reader ON reader.conversation_id = inserted.conversation_id`,
  );
  // PostgreSQL writes uuids in lower case whatever case they came in.
  const byConversation = new Map(rows.map((row) => [row.conversation_id.toLowerCase(), row]));
  return inputs.map((input) => {
    const row = byConversation.get(input.conversationId.toLowerCase());
    if (!row) return undefined;
    const members = (
      typeof row.members === 'string' ? JSON.parse(row.members) : row.members
    ) as MemberTuple[];
    return {
      row: fromRawMessage(row),
      before: { lastReadSeq: Number(row.before_read_seq), markedUnread: row.before_marked_unread },
      members: members.map(([userId, lastReadSeq, markedUnread, total]) => ({
        userId,
        lastReadSeq: Number(lastReadSeq),
        markedUnread,
        total: Number(total),
      })),
    };
  });
}

/** The SQLSTATE of a database error, through drizzle's wrapper (`cause`) or from the driver. */
function sqlState(error: unknown): string | undefined {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/** Postgres's unique_violation. */
export function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === '23505';
}

/**
 * A deadlock or serialization failure: PostgreSQL aborted the statement, nothing of it stored, and
 * the same statement may succeed when run again. Two processes storing in the same conversations
 * can deadlock: a statement's CTEs do not take their row locks in a fixed order.
 */
export function isRetryableConflict(error: unknown): boolean {
  const state = sqlState(error);
  return state === '40P01' || state === '40001';
}
