import type { Conversation, Presence } from '@causette/protocol';
import type { ConnectionSnapshot } from '../connection/connection';
import { EMPTY_WINDOW } from '../messages/timeline';
import type { DisplayMessage, MessageWindow, SentMessage } from '../messages/types';
import type { ChatState, ChatUser } from './types';

const NONE: readonly never[] = Object.freeze([]);

/** The connection state (`status`, `attempt`, `lastError`, `nextRetryAt`). */
export const selectConnection = (state: ChatState): ConnectionSnapshot => state.connection;

/** The signed-in user, or `null` before the first connect. */
export const selectUser = (state: ChatState): ChatUser | null => state.user;

/** Conversation ids by last activity, newest first. */
export const selectConversationOrder = (state: ChatState): readonly string[] =>
  state.conversations.order;

/** One conversation, or `undefined` when not loaded. */
export const selectConversation =
  (conversationId: string) =>
  (state: ChatState): Conversation | undefined =>
    state.conversations.byId[conversationId];

/** The loaded window of a conversation (an empty, unloaded one when nothing was loaded). */
export const selectMessageWindow =
  (conversationId: string) =>
  (state: ChatState): MessageWindow =>
    state.messages[conversationId] ?? EMPTY_WINDOW;

/** What a message list shows: sent messages by seq, then pending ones. Stable when unchanged. */
export const selectMessages =
  (conversationId: string) =>
  (state: ChatState): readonly DisplayMessage[] =>
    state.messages[conversationId]?.items ?? NONE;

/** Unread messages over all conversations. */
export const selectUnreadTotal = (state: ChatState): number => state.unread.total;

/** Unread messages of one conversation. */
export const selectUnreadCount =
  (conversationId: string) =>
  (state: ChatState): number =>
    state.unread.byConversation[conversationId] ??
    state.conversations.byId[conversationId]?.unreadCount ??
    0;

/** Ids of the users typing in a conversation. Stable when unchanged. */
export const selectTyping =
  (conversationId: string) =>
  (state: ChatState): readonly string[] =>
    state.typing[conversationId] ?? NONE;

/** Presence of a watched user, or `undefined` until known. */
export const selectPresence =
  (userId: string) =>
  (state: ChatState): Presence | undefined =>
    state.presence[userId];

/** The conversation the user is looking at, or `null`. */
export const selectActiveConversationId = (state: ChatState): string | null =>
  state.activeConversationId;

/** Whether unsent messages survive a reload. */
export const selectStorageDurable = (state: ChatState): boolean => state.storage.durable;

/** Whether the outbox and the cache have been read (see `StorageState.loaded`). */
export const selectStorageLoaded = (state: ChatState): boolean => state.storage.loaded;

/**
 * Whether every other member has read `message` (their `lastReadSeq` reached its seq), for a
 * "read" mark under one's own messages.
 */
export const selectReadByOthers =
  (message: SentMessage) =>
  (state: ChatState): boolean => {
    const conversation = state.conversations.byId[message.conversationId];
    if (!conversation) return Boolean(message.readAt);
    const others = conversation.members.filter((m) => m.userId !== message.senderId);
    if (others.length === 0) return false;
    return others.every((m) => m.lastReadSeq >= message.seq);
  };
