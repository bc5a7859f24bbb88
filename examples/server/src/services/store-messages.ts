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
 * Stores messages, each in a different conversation, in one statement (the database function
 * `causette_store_messages`, made by migration 0003, replaced by 0006, held to nested loops by 0007
 * since the planner takes its few input rows for 100, and planned once per session): one round
 * trip and one commit for all of them. For each: the conversation's next `seq`, the row, the
 * sender's read pointer moved to it, and `read_at` stamped on the messages of others this
 * completes (what `markReadUpTo` does for `message:read`). It also reads what the unread counts
 * pushed after a send need (`unreadAfter`), so they cost no second query.
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
 * The statement lives in the database: changing it is a migration (`CREATE OR REPLACE FUNCTION`).
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
    sql`SELECT * FROM causette_store_messages(${records}::jsonb)`,
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

/**
 * PostgreSQL refused a value itself (SQLSTATE class 22, data exception: U+0000 in a text, a
 * malformed number...): the same input fails again, however long one waits.
 */
export function isDataException(error: unknown): boolean {
  return sqlState(error)?.startsWith('22') ?? false;
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
