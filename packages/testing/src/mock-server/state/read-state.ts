import type { ReadStateResult } from '@causette/protocol';
import { notAMember } from './errors';
import { type ChatStore, type ConversationRecord, unreadCount } from './store';

/** What moving a read pointer did. */
export interface ReadOutcome extends ReadStateResult {
  /** The unread count changed (an `unread:count` is due). */
  changed: boolean;
  /** The read pointer moved forward (a `receipt:read` is due). */
  advanced: boolean;
  readAt: string;
}

function locate(store: ChatStore, userId: string, messageId: string) {
  for (const conversation of store.conversationsOf(userId)) {
    const message = conversation.messages.find((m) => m.id === messageId);
    if (message) return { conversation, seq: message.seq };
  }
  throw notAMember();
}

function move(
  store: ChatStore,
  userId: string,
  conversation: ConversationRecord,
  target: { lastReadSeq: number; markedUnread: boolean },
): ReadOutcome {
  const member = store.member(conversation, userId);
  const lastSeq = conversation.messages.length;
  const before = unreadCount(lastSeq, member.lastReadSeq, member.markedUnread);
  const from = member.lastReadSeq;
  member.lastReadSeq = target.lastReadSeq;
  member.markedUnread = target.markedUnread;
  const advanced = target.lastReadSeq > from;
  if (advanced) store.markReadUpTo(conversation, from, target.lastReadSeq);
  const after = unreadCount(lastSeq, target.lastReadSeq, target.markedUnread);
  return {
    conversationId: conversation.id,
    lastReadSeq: target.lastReadSeq,
    unreadCount: after,
    changed: before !== after,
    advanced,
    readAt: store.iso(),
  };
}

/** Marks read up to and including `messageId`; the pointer never moves back. */
export function markRead(store: ChatStore, userId: string, messageId: string): ReadOutcome {
  const { conversation, seq } = locate(store, userId, messageId);
  const member = store.member(conversation, userId);
  return move(store, userId, conversation, {
    lastReadSeq: Math.max(member.lastReadSeq, seq),
    markedUnread: false,
  });
}

/** Unread from `messageId` on, or the whole conversation flagged unread when absent. */
export function markUnread(
  store: ChatStore,
  userId: string,
  conversationId: string,
  messageId?: string,
): ReadOutcome {
  if (messageId === undefined) {
    const conversation = store.membership(userId, conversationId);
    const member = store.member(conversation, userId);
    return move(store, userId, conversation, {
      lastReadSeq: member.lastReadSeq,
      markedUnread: true,
    });
  }
  const { conversation, seq } = locate(store, userId, messageId);
  if (conversation.id !== conversationId) throw notAMember();
  return move(store, userId, conversation, { lastReadSeq: seq - 1, markedUnread: false });
}
