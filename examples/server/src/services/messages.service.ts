import {
  HISTORY_DEFAULT_LIMIT,
  type HistoryRequest,
  type HistoryResult,
  type Message,
  SYNC_MAX_MESSAGES_PER_CONVERSATION,
  type SendMessageRequest,
  type SyncResult,
} from '@causette/protocol';
import { and, asc, desc, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { messages } from '../db/schema';
import type { ConversationsService } from './conversations.service';
import { ServiceError, notAMember } from './errors';
import { newId } from './ids';
import { type MessageRow, messageColumns, toMessage } from './mappers';
import { createMessageWriter } from './message-writer';
import { createConversationHeadsLookup } from './conversation-heads';
import { createMessagesAfterLookup } from './messages-after';
import { fromRawMessage } from './raw-message';
import { isUniqueViolation } from './store-messages';
import { unreadCount } from './unread';
import type { UnreadCounts } from './unread-counts';

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
  /** Each member's unread total and count here once the message is in (empty on a repeat). */
  unread: Map<string, UnreadCounts>;
}

export interface MessagesService {
  send(senderId: string, input: SendInput): Promise<SendOutcome>;
  history(userId: string, request: HistoryRequest): Promise<HistoryResult>;
  sync(userId: string, cursors: Record<string, number>): Promise<SyncResult>;
}

export function createMessagesService(
  db: Db,
  conversationsService: ConversationsService,
  { writerConcurrency }: { writerConcurrency?: number } = {},
): MessagesService {
  const writer = createMessageWriter(db, { concurrency: writerConcurrency });
  const conversationHeads = createConversationHeadsLookup(db);
  const messagesAfter = createMessagesAfterLookup(db);
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
      unread: new Map(),
    };
  }

  return {
    async send(senderId, input) {
      await conversationsService.assertMember(senderId, input.conversationId);
      const memberIds = await conversationsService.memberIds(input.conversationId);
      try {
        const stored = await writer.store(
          {
            id: newId(),
            clientId: input.clientId,
            conversationId: input.conversationId,
            senderId,
            type: input.type,
            content: input.content,
            attachment: input.type === 'IMAGE' ? input.attachment : null,
          },
          memberIds,
        );
        if (!stored) throw notAMember();
        const { row, before, unread } = stored;
        return {
          message: toMessage(row),
          created: true,
          memberIds,
          senderUnreadCleared:
            unreadCount(row.seq - 1, before.lastReadSeq, before.markedUnread) > 0,
          senderReadAdvanced: before.lastReadSeq < row.seq - 1,
          unread,
        };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // A resend of a stored message (the client never saw its ack), or racing its original:
        // the same answer as the first time, and nothing new to broadcast.
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
      const mine = await conversationHeads(userId);
      // Changed: unknown to the client, or with messages after its cursor. Cursors naming
      // conversations the user is not in are ignored without a word.
      const changed = mine.filter(
        (c) => cursors[c.id] === undefined || c.lastSeq > (cursors[c.id] ?? 0),
      );
      const behind = changed.flatMap((c) => {
        const cursor = cursors[c.id];
        return cursor === undefined ? [] : [{ id: c.id, after: cursor }];
      });
      const rows = behind.length === 0 ? [] : await messagesAfter(behind);
      const counts = new Map<string, number>();
      const messageList: Message[] = [];
      for (const row of rows) {
        const count = (counts.get(row.conversation_id) ?? 0) + 1;
        counts.set(row.conversation_id, count);
        if (count <= SYNC_MAX_MESSAGES_PER_CONVERSATION)
          messageList.push(toMessage(fromRawMessage(row)));
      }
      const truncated = behind
        .map((b) => b.id)
        .filter((id) => (counts.get(id) ?? 0) > SYNC_MAX_MESSAGES_PER_CONVERSATION);
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
