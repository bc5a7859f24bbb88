import {
  HISTORY_DEFAULT_LIMIT,
  type HistoryRequest,
  type HistoryResult,
  type ImageAttachment,
  type Message,
  type MessageType,
  SYNC_MAX_MESSAGES_PER_CONVERSATION,
  type SyncResult,
} from '@causette/protocol';
import { newestFirst } from './cursor';
import { MockServiceError } from './errors';
import { type ChatStore, unreadCount } from './store';

/** A message to store, as validated by the protocol schema (content trimmed). */
export interface SendInput {
  clientId: string;
  conversationId: string;
  type: MessageType;
  content: string;
  attachment?: ImageAttachment;
}

/** What storing a message did, so the caller knows whom to tell. */
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

const clientKey = (senderId: string, clientId: string) => `${senderId}\u0000${clientId}`;

/** Stores a message (idempotent per sender and clientId) and moves the sender's read pointer. */
export function sendMessage(store: ChatStore, senderId: string, input: SendInput): SendOutcome {
  const existing = store.byClientId.get(clientKey(senderId, input.clientId));
  if (existing) {
    if (existing.conversationId !== input.conversationId)
      throw new MockServiceError(
        'CONFLICT',
        'clientId: already used for a message in another conversation',
      );
    return {
      message: store.copy(existing),
      created: false,
      memberIds: store.memberIds(input.conversationId),
      senderUnreadCleared: false,
      senderReadAdvanced: false,
    };
  }
  const conversation = store.membership(senderId, input.conversationId);
  const sender = store.member(conversation, senderId);
  // A frozen or skewed test clock must not reorder the conversation list.
  const at = Math.max(store.now(), conversation.lastMessageAt);
  const seq = conversation.messages.length + 1;
  const message: Message = {
    id: store.newId(),
    clientId: input.clientId,
    conversationId: conversation.id,
    seq,
    senderId,
    type: input.type,
    content: input.content,
    createdAt: store.iso(at),
    readAt: null,
  };
  if (input.type === 'IMAGE' && input.attachment) message.attachment = { ...input.attachment };
  conversation.messages.push(message);
  conversation.lastMessageAt = at;
  store.byClientId.set(clientKey(senderId, input.clientId), message);
  const before = { lastReadSeq: sender.lastReadSeq, markedUnread: sender.markedUnread };
  sender.lastReadSeq = seq;
  sender.markedUnread = false;
  const senderReadAdvanced = before.lastReadSeq < seq - 1;
  if (senderReadAdvanced) store.markReadUpTo(conversation, before.lastReadSeq, seq - 1);
  return {
    message: store.copy(message),
    created: true,
    memberIds: store.memberIds(conversation.id),
    senderUnreadCleared: unreadCount(seq - 1, before.lastReadSeq, before.markedUnread) > 0,
    senderReadAdvanced,
  };
}

/** A page of history, oldest first (PROTOCOL.md `message:history`). */
export function history(store: ChatStore, userId: string, request: HistoryRequest): HistoryResult {
  const conversation = store.membership(userId, request.conversationId);
  const limit = request.limit ?? HISTORY_DEFAULT_LIMIT;
  const { beforeSeq, afterSeq } = request;
  const inWindow = conversation.messages.filter(
    (m) =>
      (afterSeq === undefined || m.seq > afterSeq) &&
      (beforeSeq === undefined || m.seq < beforeSeq),
  );
  // Newer pages read upward from afterSeq; the latest and older pages read downward.
  const upward = afterSeq !== undefined;
  const page = upward ? inWindow.slice(0, limit) : inWindow.slice(-limit);
  return {
    messages: page.map((m) => store.copy(m)),
    hasMore: inWindow.length > limit,
  };
}

/** What changed since the client's cursors (PROTOCOL.md `sync`). */
export function sync(
  store: ChatStore,
  userId: string,
  cursors: Record<string, number>,
): SyncResult {
  const changed = store
    .conversationsOf(userId)
    .filter((c) => cursors[c.id] === undefined || c.messages.length > (cursors[c.id] ?? 0));
  const messages: Message[] = [];
  const truncated: string[] = [];
  for (const conversation of changed) {
    const cursor = cursors[conversation.id];
    if (cursor === undefined) continue;
    const after = conversation.messages.slice(cursor);
    if (after.length > SYNC_MAX_MESSAGES_PER_CONVERSATION) truncated.push(conversation.id);
    messages.push(...after.slice(0, SYNC_MAX_MESSAGES_PER_CONVERSATION).map((m) => store.copy(m)));
  }
  const conversations = changed
    .sort((a, b) =>
      newestFirst({ at: a.lastMessageAt, id: a.id }, { at: b.lastMessageAt, id: b.id }),
    )
    .map((c) => store.view(c, userId));
  return { conversations, messages, truncated };
}
