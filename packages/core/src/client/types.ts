import type { Conversation, ConversationSubject, SearchResult } from '@causette/protocol';
import type { Logger } from '../connection/types';
import type { ChatClientEvents } from '../events/types';
import type { PendingMessage } from '../messages/types';
import type { SocketOptions } from '../socket/types';
import type { ChatState } from '../store/types';

/** Options of {@link createChatClient}. */
export interface ChatClientOptions {
  /** The chat server's URL (socket.io endpoint, also the base of `/uploads/sign`). */
  url: string;
  /** Returns a fresh JWT; called before every connection attempt. */
  getToken: () => string | Promise<string>;
  /**
   * The signed-in user's id, when the app knows it without the network: the user's storage
   * (outbox and cache) opens at `connect()`, so a page reloaded offline shows its last state and
   * queues messages before any token. A token for another user stops with `unauthorized`.
   */
  userId?: string;
  /** Where the outbox and the cache live: IndexedDB by default when present, else memory. */
  storage?: 'indexeddb' | 'memory';
  /** BCP 47 locale for UI strings (kept for bindings; the core sends no text of its own). */
  locale?: string;
  logger?: Logger;
  /**
   * How to reach the socket.io endpoint: `path`, `query`, extra `auth`, `connectTimeoutMs`, the
   * `WebSocket` constructor (Node 20), or another `transport` (long-polling fallback).
   */
  socketOptions?: SocketOptions;
  /** Base URL of `POST /uploads/sign`; `url` by default. */
  uploadUrl?: string;
  /** The IndexedDB factory (tests, workers); the global one by default. */
  indexedDB?: IDBFactory;
  /** Backoff jitter source (tests). */
  random?: () => number;
  /** How long a request waits for its ack, in ms. */
  requestTimeoutMs?: number;
}

/** What `sendMessage` takes: text, or an image with an optional caption. */
export interface SendMessageInput {
  content?: string;
  image?: Blob;
}

/** Sends typing notifications for one conversation. */
export interface TypingHandle {
  /** Call on every keystroke: `typing:start` at most every 3 s, `typing:stop` after 5 s idle. */
  keystroke(): void;
  /** Call on send and on blur. */
  stop(): void;
}

/** The Causette client: one per signed-in user. */
export interface ChatClient {
  connect(): void;
  disconnect(): void;
  /** Disconnects and frees everything (timers, socket, listeners, IndexedDB); final. */
  destroy(): void;
  /**
   * Resolves once connected, with the outbox and the cache read (`connection.status` is
   * `connected`), within `timeoutMs` (the request timeout by default). Rejects with `OFFLINE` when
   * `connect()` was not called, `disconnect()` was, or the time ran out; with the server's refusal
   * (`UNAUTHORIZED`...); with `DESTROYED` or `ABORTED`. Requests need no such wait: they wait for
   * the connection by themselves.
   */
  waitForConnection(options?: { timeoutMs?: number; signal?: AbortSignal }): Promise<void>;
  /** The current state; works unbound (`useSyncExternalStore(client.subscribe, client.getSnapshot)`). */
  getSnapshot(): ChatState;
  /** Calls `listener` after every change of the state; returns the unsubscribe. Works unbound. */
  subscribe(listener: () => void): () => void;
  /** Listens to a client event; returns the unsubscribe. Works unbound. */
  on<E extends keyof ChatClientEvents>(event: E, listener: ChatClientEvents[E]): () => void;
  /** Queues a message and returns its pending view at once. Throws ChatError('INVALID'). */
  sendMessage(conversationId: string, input: SendMessageInput): PendingMessage;
  retryMessage(clientId: string): Promise<void>;
  discardMessage(clientId: string): Promise<void>;
  loadConversations(options?: { more?: boolean }): Promise<void>;
  /**
   * Fetches one conversation (e.g. opened from a URL, before the list): it joins the list.
   * Rejects `FORBIDDEN` for a conversation the user does not belong to (or that does not exist).
   */
  loadConversation(conversationId: string): Promise<Conversation>;
  openConversation(options: {
    participantIds: string[];
    subject?: ConversationSubject;
  }): Promise<Conversation>;
  loadOlderMessages(conversationId: string): Promise<void>;
  /**
   * The conversation on screen: no `notification` for its messages while the tab is visible, and
   * it is marked read as they arrive (tab visible). A view that knows more, such as whether its
   * bottom is scrolled into view, passes `{ autoRead: false }` and calls `markRead` itself.
   */
  setActiveConversation(conversationId: string | null, options?: { autoRead?: boolean }): void;
  markRead(conversationId: string, messageId?: string): Promise<void>;
  markUnread(conversationId: string, messageId?: string): Promise<void>;
  search(
    query: string,
    options?: { conversationId?: string; cursor?: string; limit?: number },
  ): Promise<SearchResult>;
  typing(conversationId: string): TypingHandle;
  /** Watches users' presence (reference-counted); returns the unwatch function. */
  watchPresence(userIds: readonly string[]): () => void;
  /**
   * Subscribes this browser to Web Push and registers it with the server. `previews: false` asks
   * the server to leave the message text out of this user's pushes (all their browsers), `true`
   * to put it back; omitted, the user's choice stays as it was (previews on until turned off).
   */
  registerPush(options: {
    serviceWorkerRegistration: ServiceWorkerRegistration;
    publicKey: string;
    previews?: boolean;
  }): Promise<void>;
}
