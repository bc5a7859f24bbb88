import {
  HISTORY_DEFAULT_LIMIT,
  type HistoryRequest,
  type HistoryResult,
  type Message,
  SYNC_MAX_MESSAGES_PER_CONVERSATION,
  type SendMessageRequest,
  type SyncResult,
} from '@causette/protocol';
import { and, asc, desc, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { conversationMembers, conversations, messages } from '../db/schema';
import type { ConversationsService } from './conversations.service';
import { ServiceError, notAMember } from './errors';
import { newId } from './ids';
import { type MessageRow, messageColumns, toMessage } from './mappers';
import { markReadUpTo } from './read-at';
import { unreadCount } from './unread';

/** A message as validated by the protocol schema (IMAGE captions default to ''). */
export type SendInput = SendMessageRequest & { content: string };

export interface SendOutcome {
  message: Message;
  /** false when `(senderId, clientId)` was already stored: nothing new to broadcast. */
  created: boolean;
  memberIds: string[];
  /** The sender's unread count of this conversation went from non-zero to zero. */
  senderUnreadCleared: boolean;
  /** The sender's read pointer moved past messages of others (a read receipt is due). */
  senderReadAdvanced: boolean;
}

export interface MessagesService {
  send(senderId: string, input: SendInput): Promise<SendOutcome>;
  history(userId: string, request: HistoryRequest): Promise<HistoryResult>;
  sync(userId: string, cursors: Record<string, number>): Promise<SyncResult>;
}

class DuplicateClientId extends Error {}

export function createMessagesService(
  db: Db,
  conversationsService: ConversationsService,
): MessagesService {
  async function findByClientId(
    senderId: string,
    clientId: string,
  ): Promise<MessageRow | undefined> {
    const rows = await db
      .select(messageColumns)
      .from(messages)
      .where(and(eq(messages.senderId, senderId), eq(messages.clientId, clientId)));
    return rows[0] as MessageRow | undefined;
  }

  async function repeat(row: MessageRow, conversationId: string): Promise<SendOutcome> {
    if (row.conversationId !== conversationId) {
      throw new ServiceError(
        'CONFLICT',
        'clientId: already used for a message in another conversation',
      );
    }
    return {
      message: toMessage(row),
      created: false,
      memberIds: await conversationsService.memberIds(conversationId),
      senderUnreadCleared: false,
      senderReadAdvanced: false,
    };
  }

  async function insert(senderId: string, input: SendInput) {
    return db.transaction(async (tx) => {
      // The row lock taken here orders concurrent senders: seq is gap-free because a failed insert
      // rolls this increment back with it.
      const [head] = await tx
        .update(conversations)
        .set({ lastSeq: sql`${conversations.lastSeq} + 1`, lastMessageAt: sql`clock_timestamp()` })
        .where(eq(conversations.id, input.conversationId))
        .returning({ seq: conversations.lastSeq, at: conversations.lastMessageAt });
      if (!head) throw notAMember();
      const inserted = await tx
        .insert(messages)
        .values({
          id: newId(),
          clientId: input.clientId,
          conversationId: input.conversationId,
          seq: head.seq,
          senderId,
          type: input.type,
          content: input.content,
          attachment: input.type === 'IMAGE' ? input.attachment : null,
          createdAt: head.at,
        })
        .onConflictDoNothing({ target: [messages.senderId, messages.clientId] })
        .returning(messageColumns);
      const row = inserted[0] as MessageRow | undefined;
      if (!row) throw new DuplicateClientId();
      const [before] = await tx
        .select({
          lastReadSeq: conversationMembers.lastReadSeq,
          markedUnread: conversationMembers.markedUnread,
        })
        .from(conversationMembers)
        .where(
          and(
            eq(conversationMembers.conversationId, input.conversationId),
            eq(conversationMembers.userId, senderId),
          ),
        )
        .for('update');
      if (!before) throw notAMember();
      await tx
        .update(conversationMembers)
        .set({ lastReadSeq: head.seq, markedUnread: false })
        .where(
          and(
            eq(conversationMembers.conversationId, input.conversationId),
            eq(conversationMembers.userId, senderId),
          ),
        );
      const readAdvanced = before.lastReadSeq < head.seq - 1;
      if (readAdvanced)
        await markReadUpTo(tx, input.conversationId, before.lastReadSeq, head.seq - 1);
      return {
        row,
        senderUnreadCleared: unreadCount(head.seq - 1, before.lastReadSeq, before.markedUnread) > 0,
        senderReadAdvanced: readAdvanced,
      };
    });
  }

  return {
    async send(senderId, input) {
      const existing = await findByClientId(senderId, input.clientId);
      if (existing) return repeat(existing, input.conversationId);
      await conversationsService.assertMember(senderId, input.conversationId);
      try {
        const outcome = await insert(senderId, input);
        return {
          message: toMessage(outcome.row),
          created: true,
          memberIds: await conversationsService.memberIds(input.conversationId),
          senderUnreadCleared: outcome.senderUnreadCleared,
          senderReadAdvanced: outcome.senderReadAdvanced,
        };
      } catch (error) {
        if (!(error instanceof DuplicateClientId)) throw error;
        // The same clientId was being stored concurrently (a resend racing its original).
        const original = await findByClientId(senderId, input.clientId);
        if (!original) throw error;
        return repeat(original, input.conversationId);
      }
    },

    async history(userId, request) {
      await conversationsService.assertMember(userId, request.conversationId);
      const limit = request.limit ?? HISTORY_DEFAULT_LIMIT;
      const inConversation = eq(messages.conversationId, request.conversationId);
      const { beforeSeq, afterSeq } = request;
      // Newer pages (and windows) read upward from afterSeq; the latest and older pages read
      // downward from beforeSeq (or the end). Both ride the (conversation_id, seq) index.
      const upward = afterSeq !== undefined;
      const rows = (await db
        .select(messageColumns)
        .from(messages)
        .where(
          and(
            inConversation,
            afterSeq !== undefined ? gt(messages.seq, afterSeq) : undefined,
            beforeSeq !== undefined ? lt(messages.seq, beforeSeq) : undefined,
          ),
        )
        .orderBy(upward ? asc(messages.seq) : desc(messages.seq))
        .limit(limit + 1)) as MessageRow[];
      const hasMore = rows.length > limit;
      const page = rows.slice(0, limit);
      if (!upward) page.reverse();
      return { messages: page.map(toMessage), hasMore };
    },

    async sync(userId, cursors) {
      const mine = await db
        .select({ id: conversations.id, lastSeq: conversations.lastSeq })
        .from(conversationMembers)
        .innerJoin(conversations, eq(conversations.id, conversationMembers.conversationId))
        .where(eq(conversationMembers.userId, userId));
      // Changed: unknown to the client, or with messages after its cursor. Cursors naming
      // conversations the user is not in are ignored without a word.
      const changed = mine.filter(
        (c) => cursors[c.id] === undefined || c.lastSeq > (cursors[c.id] ?? 0),
      );
      const messageList: Message[] = [];
      const truncated: string[] = [];
      for (const conversation of changed) {
        const cursor = cursors[conversation.id];
        if (cursor === undefined || conversation.lastSeq <= cursor) continue;
        const rows = (await db
          .select(messageColumns)
          .from(messages)
          .where(and(eq(messages.conversationId, conversation.id), gt(messages.seq, cursor)))
          .orderBy(asc(messages.seq))
          .limit(SYNC_MAX_MESSAGES_PER_CONVERSATION + 1)) as MessageRow[];
        if (rows.length > SYNC_MAX_MESSAGES_PER_CONVERSATION) truncated.push(conversation.id);
        messageList.push(...rows.slice(0, SYNC_MAX_MESSAGES_PER_CONVERSATION).map(toMessage));
      }
      const views = await conversationsService.views(
        userId,
        changed.map((c) => c.id),
      );
      views.sort(
        (a, b) => b.lastMessageAt.localeCompare(a.lastMessageAt) || b.id.localeCompare(a.id),
      );
      return { conversations: views, messages: messageList, truncated };
    },
  };
}
