import type { ReadStateResult } from '@causette/protocol';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { conversationMembers, conversations, messages } from '../db/schema';
import { notAMember } from './errors';
import { isUuid } from './ids';
import { inOrderPerKey } from './in-order';
import { markReadUpTo } from './read-at';
import { unreadCount } from './unread';
import { type UnreadCounts, createUnreadCounter } from './unread-counts';

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
  /**
   * For each of `userIds`: their unread total over all conversations and their count in
   * `conversationId` (0 when they are not in it); concurrent calls share one query.
   */
  counts(conversationId: string, userIds: readonly string[]): Promise<Map<string, UnreadCounts>>;
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

  // A user's read and unread requests take effect in the order they came: `r` then `u` on a row
  // sends both at once, and the read's first query (finding its message) let the unread's
  // transaction commit first, leaving the conversation read.
  const inOrder = inOrderPerKey();

  return {
    markRead: (userId, messageId) =>
      inOrder(userId, async () => {
        const message = await locateMessage(userId, messageId);
        return move(userId, message.conversationId, (current) => ({
          lastReadSeq: Math.max(current.lastReadSeq, message.seq),
          markedUnread: false,
        }));
      }),

    markUnread: (userId, conversationId, messageId) =>
      inOrder(userId, () => markUnread(userId, conversationId, messageId)),

    counts: createUnreadCounter(db),
  };

  async function markUnread(
    userId: string,
    conversationId: string,
    messageId: string | undefined,
  ): Promise<ReadOutcome> {
    // Conversation ids are UUIDs: anything else names none of the caller's, like a stranger's.
    if (!isUuid(conversationId)) throw notAMember();
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
  }
}
