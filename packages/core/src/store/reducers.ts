import type { Conversation, Message, ReceiptReadEvent, UnreadCountEvent } from '@causette/protocol';
import { EMPTY_WINDOW } from '../messages/timeline';
import type { MessageWindow } from '../messages/types';
import { patchObject, removeEntry, setEntry } from './create-store';
import type { ChatState, UnreadState } from './types';

// Pure state updaters: each returns the same reference when nothing changes.

function byRecency(byId: Readonly<Record<string, Conversation>>) {
  return (a: string, b: string): number => {
    const left = byId[a]?.lastMessageAt ?? '';
    const right = byId[b]?.lastMessageAt ?? '';
    return right.localeCompare(left) || b.localeCompare(a);
  };
}

function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

function reorder(state: ChatState, byId: Readonly<Record<string, Conversation>>): ChatState {
  if (byId === state.conversations.byId) return state;
  const order = Object.keys(byId).sort(byRecency(byId));
  const conversations = patchObject(state.conversations, {
    byId,
    order: sameOrder(order, state.conversations.order) ? state.conversations.order : order,
  });
  return patchObject(state, { conversations });
}

/**
 * Sets one conversation's unread count. The total follows the change; a conversation learned
 * after the server announced a total is assumed counted in it (the server sends a fresh
 * `unread:count` whenever a count changes).
 */
export function setUnread(unread: UnreadState, conversationId: string, count: number): UnreadState {
  const previous = unread.byConversation[conversationId];
  if (previous === count) return unread;
  const byConversation = setEntry(unread.byConversation, conversationId, count);
  let total: number;
  if (previous !== undefined) total = unread.total + count - previous;
  else total = unread.totalFromServer ? unread.total : unread.total + count;
  return { ...unread, byConversation, total: Math.max(0, total) };
}

/** Adds or refreshes conversations from the server (list, sync, get, open, new). */
export function upsertConversations(
  state: ChatState,
  conversations: readonly Conversation[],
): ChatState {
  let byId = state.conversations.byId;
  let unread = state.unread;
  for (const conversation of conversations) {
    const known = byId[conversation.id];
    // Never let an older view (e.g. a slow list page) roll back a newer one.
    if (known && known.lastSeq > conversation.lastSeq) continue;
    byId = setEntry(byId, conversation.id, conversation);
    unread = setUnread(unread, conversation.id, conversation.unreadCount);
  }
  return patchObject(reorder(state, byId), { unread });
}

/** Drops the conversations `drop` picks (cached ones the server no longer lists), and their unread. */
export function removeConversations(
  state: ChatState,
  drop: (conversation: Conversation) => boolean,
): ChatState {
  let byId = state.conversations.byId;
  let unread = state.unread;
  for (const conversation of Object.values(byId)) {
    if (!drop(conversation)) continue;
    const { id } = conversation;
    byId = removeEntry(byId, id);
    // A total from the server never counted a conversation it does not list.
    unread = {
      ...unread,
      byConversation: removeEntry(unread.byConversation, id),
      total: unread.total - (unread.totalFromServer ? 0 : (unread.byConversation[id] ?? 0)),
    };
  }
  return patchObject(reorder(state, byId), { unread });
}

/** A message arrived: the conversation's preview, `lastSeq` and place in the order follow. */
export function applyConversationMessage(state: ChatState, message: Message): ChatState {
  const conversation = state.conversations.byId[message.conversationId];
  if (!conversation || conversation.lastSeq >= message.seq) return state;
  const next: Conversation = {
    ...conversation,
    lastMessage: message,
    lastSeq: message.seq,
    lastMessageAt: message.createdAt,
  };
  return reorder(state, setEntry(state.conversations.byId, conversation.id, next));
}

/** Applies `unread:count`: the server's numbers win over any optimistic change. */
export function applyUnreadCount(state: ChatState, event: UnreadCountEvent): ChatState {
  const byConversation = setEntry(
    state.unread.byConversation,
    event.conversationId,
    event.conversationUnread,
  );
  const unread = patchObject(state.unread, {
    byConversation,
    total: event.count,
    totalFromServer: true,
  });
  return patchObject(state, { unread });
}

/** Sets a conversation's unread count optimistically (markRead) or from an ack. */
export function applyConversationUnread(
  state: ChatState,
  conversationId: string,
  count: number,
): ChatState {
  return patchObject(state, { unread: setUnread(state.unread, conversationId, count) });
}

/** Sets a conversation's `markedUnread` flag (the user's own "mark as unread", or reading it). */
export function applyMarkedUnread(
  state: ChatState,
  conversationId: string,
  markedUnread: boolean,
): ChatState {
  const conversation = state.conversations.byId[conversationId];
  if (!conversation || conversation.markedUnread === markedUnread) return state;
  const byId = setEntry(state.conversations.byId, conversationId, {
    ...conversation,
    markedUnread,
  });
  return patchObject(state, { conversations: patchObject(state.conversations, { byId }) });
}

/** Applies `receipt:read`: a member's read pointer only moves forward. */
export function applyReceipt(state: ChatState, event: ReceiptReadEvent): ChatState {
  const conversation = state.conversations.byId[event.conversationId];
  if (!conversation) return state;
  let changed = false;
  const members = conversation.members.map((member) => {
    if (member.userId !== event.userId || member.lastReadSeq >= event.lastReadSeq) return member;
    changed = true;
    return { ...member, lastReadSeq: event.lastReadSeq };
  });
  if (!changed) return state;
  const byId = setEntry(state.conversations.byId, conversation.id, { ...conversation, members });
  return patchObject(state, { conversations: patchObject(state.conversations, { byId }) });
}

/** Updates one conversation's message window. */
export function updateWindow(
  state: ChatState,
  conversationId: string,
  update: (window: MessageWindow) => MessageWindow,
): ChatState {
  const current = state.messages[conversationId] ?? EMPTY_WINDOW;
  const next = update(current);
  if (next === current) return state;
  return patchObject(state, { messages: setEntry(state.messages, conversationId, next) });
}
