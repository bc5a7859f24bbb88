import type { ReadStateResult } from '@causette/protocol';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { conversationMembers, conversations, messages } from '../db/schema';
import { notAMember } from './errors';
import { isUuid } from './ids';
import { queryRows } from '../db/raw';
import { markReadUpTo } from './read-at';
import { unreadCount } from './unread';

export interface ReadOutcome extends ReadStateResult {
  /** The unread count changed (an `unread:count` is due). */
  changed: boolean;
  /** The read pointer moved forward (a `receipt:read` is due). */
  advanced: boolean;
  readAt: string;
}

export interface ReadStateService {
  /** Marks read up to and including `messageId` (never moves the pointer back). */
  markRead(userId: string, messageId: string): Promise<ReadOutcome>;
  /** Unread from `messageId` on, or the whole conversation flagged unread when absent. */
  markUnread(userId: string, conversationId: string, messageId?: string): Promise<ReadOutcome>;
  /** Unread totals over all conversations, for each of `userIds` (0 for users with none). */
  totals(userIds: readonly string[]): Promise<Map<string, number>>;
  /** Unread count of one conversation for each of its members. */
  perMember(conversationId: string): Promise<Map<string, number>>;
}

const memberRow = (conversationId: string, userId: string) =>
  and(
    eq(conversationMembers.conversationId, conversationId),
    eq(conversationMembers.userId, userId),
  );

export function createReadStateService(db: Db): ReadStateService {
  async function locateMessage(userId: string, messageId: string) {
    if (!isUuid(messageId)) throw notAMember();
    const [row] = await db
      .select({ conversationId: messages.conversationId, seq: messages.seq })
      .from(messages)
      .innerJoin(
        conversationMembers,
        and(
          eq(conversationMembers.conversationId, messages.conversationId),
          eq(conversationMembers.userId, userId),
        ),
      )
      .where(eq(messages.id, messageId));
    if (!row) throw notAMember();
    return row;
  }

  /** Moves one member's pointer and flag inside a transaction, reporting before and after. */
  async function move(
    userId: string,
    conversationId: string,
    next: (current: { lastReadSeq: number; markedUnread: boolean; lastSeq: number }) => {
      lastReadSeq: number;
      markedUnread: boolean;
    },
  ): Promise<ReadOutcome> {
    return db.transaction(async (tx) => {
      const [current] = await tx
        .select({
          lastReadSeq: conversationMembers.lastReadSeq,
          markedUnread: conversationMembers.markedUnread,
          lastSeq: conversations.lastSeq,
        })
        .from(conversationMembers)
        .innerJoin(conversations, eq(conversations.id, conversationMembers.conversationId))
        .where(memberRow(conversationId, userId))
        .for('update', { of: conversationMembers });
      if (!current) throw notAMember();
      const target = next(current);
      await tx.update(conversationMembers).set(target).where(memberRow(conversationId, userId));
      const advanced = target.lastReadSeq > current.lastReadSeq;
      if (advanced) await markReadUpTo(tx, conversationId, current.lastReadSeq, target.lastReadSeq);
      const before = unreadCount(current.lastSeq, current.lastReadSeq, current.markedUnread);
      const after = unreadCount(current.lastSeq, target.lastReadSeq, target.markedUnread);
      return {
        conversationId,
        lastReadSeq: target.lastReadSeq,
        unreadCount: after,
        changed: before !== after,
        advanced,
        readAt: new Date().toISOString(),
      };
    });
  }

  return {
    async markRead(userId, messageId) {
      const message = await locateMessage(userId, messageId);
      return move(userId, message.conversationId, (current) => ({
        lastReadSeq: Math.max(current.lastReadSeq, message.seq),
        markedUnread: false,
      }));
    },

    async markUnread(userId, conversationId, messageId) {
      if (messageId === undefined) {
        return move(userId, conversationId, (current) => ({
          lastReadSeq: current.lastReadSeq,
          markedUnread: true,
        }));
      }
      const message = await locateMessage(userId, messageId);
      if (message.conversationId !== conversationId) throw notAMember();
      return move(userId, conversationId, () => ({
        lastReadSeq: message.seq - 1,
        markedUnread: false,
      }));
    },

    async totals(userIds) {
      const result = new Map(userIds.map((id) => [id, 0]));
      if (userIds.length === 0) return result;
      const rows = await db
        .select({
          userId: conversationMembers.userId,
          total: sql<number>`coalesce(sum(case when ${conversationMembers.markedUnread}
            then greatest(1, ${conversations.lastSeq} - ${conversationMembers.lastReadSeq})
            else greatest(0, ${conversations.lastSeq} - ${conversationMembers.lastReadSeq}) end), 0)::int`,
        })
        .from(conversationMembers)
        .innerJoin(conversations, eq(conversations.id, conversationMembers.conversationId))
        .where(inArray(conversationMembers.userId, [...userIds]))
        .groupBy(conversationMembers.userId);
      for (const row of rows) result.set(row.userId, Number(row.total));
      return result;
    },

    async perMember(conversationId) {
      if (!isUuid(conversationId)) return new Map();
      const rows = await queryRows<{
        user_id: string;
        last_read_seq: number;
        marked_unread: boolean;
        last_seq: number;
      }>(
        db,
        sql`SELECT cm.user_id, cm.last_read_seq, cm.marked_unread, c.last_seq
            FROM conversation_members cm JOIN conversations c ON c.id = cm.conversation_id
            WHERE cm.conversation_id = ${conversationId}::uuid`,
      );
      return new Map(
        rows.map((r) => [r.user_id, unreadCount(r.last_seq, r.last_read_seq, r.marked_unread)]),
      );
    },
  };
}
