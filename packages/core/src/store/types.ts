import type { Conversation, Presence } from '@causette/protocol';
import type { ConnectionSnapshot } from '../connection/connection';
import type { MessageWindow } from '../messages/types';

/** The signed-in user, from the token's claims. */
export interface ChatUser {
  userId: string;
  displayName: string;
  avatarUrl?: string;
  role?: string;
}

/** Where the outbox lives; `durable: false` means a reload loses unsent messages. */
export interface StorageState {
  kind: 'indexeddb' | 'memory';
  durable: boolean;
  /**
   * Whether the outbox and the cache have been read: from then on, the messages a previous page
   * left unsent are in `messages` as pending, and the cached list and windows are shown. The
   * connection's status turns `connected` only after it.
   */
  loaded: boolean;
}

/** The conversation list. */
export interface ConversationsState {
  /** Ids by `lastMessageAt`, newest first. */
  readonly order: readonly string[];
  readonly byId: Readonly<Record<string, Conversation>>;
  /** Whether `loadConversations({ more: true })` can fetch another page. */
  readonly hasMore: boolean;
  readonly status: 'idle' | 'loading' | 'loaded' | 'error';
}

/** Unread counts; the server's numbers, with optimistic local changes until it answers. */
export interface UnreadState {
  readonly total: number;
  /** Whether `total` came from the server (`unread:count`) rather than a local sum. */
  readonly totalFromServer: boolean;
  readonly byConversation: Readonly<Record<string, number>>;
}

/** Everything a UI renders, as one immutable snapshot. */
export interface ChatState {
  readonly connection: ConnectionSnapshot;
  readonly user: ChatUser | null;
  readonly storage: StorageState;
  readonly conversations: ConversationsState;
  /** Loaded messages per conversation id. */
  readonly messages: Readonly<Record<string, MessageWindow>>;
  readonly unread: UnreadState;
  /** Ids of the users typing, per conversation id. */
  readonly typing: Readonly<Record<string, readonly string[]>>;
  /** Presence per watched user id. */
  readonly presence: Readonly<Record<string, Presence>>;
  readonly activeConversationId: string | null;
}

/** The state of a client that has done nothing yet. */
export function initialChatState(
  storage: Pick<StorageState, 'kind' | 'durable'> & { loaded?: boolean },
): ChatState {
  return {
    connection: { status: 'idle', attempt: 0 },
    user: null,
    storage: { loaded: false, ...storage },
    conversations: { order: [], byId: {}, hasMore: true, status: 'idle' },
    messages: {},
    unread: { total: 0, totalFromServer: false, byConversation: {} },
    typing: {},
    presence: {},
    activeConversationId: null,
  };
}
