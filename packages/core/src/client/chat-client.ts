import type { Conversation, ConversationSubject, SearchResult } from '@causette/protocol';
import { decodeTokenClaims } from '../auth/token-claims';
import { Connection } from '../connection/connection';
import { ChatError } from '../errors';
import { EventHub } from '../events/event-hub';
import type { ChatClientEvents } from '../events/types';
import type { PendingMessage } from '../messages/types';
import { openChatStorage } from '../storage/open-storage';
import type { SocketTransport } from '../socket/types';
import type { ChatStorage } from '../storage/types';
import { createStore, patchObject } from '../store/create-store';
import { type ChatState, type ChatUser, initialChatState } from '../store/types';
import { type ClientCache, createClientCache } from './client-cache';
import { ClientConversations } from './client-conversations';
import { ClientMessages, shouldNotify } from './client-messages';
import { ClientPresence } from './client-presence';
import { ClientReadState } from './client-read-state';
import { type ClientContext, report } from './context';
import type { ChatClient, ChatClientOptions, SendMessageInput, TypingHandle } from './types';

const CLIENT_EVENTS: ReadonlySet<string> = new Set<keyof ChatClientEvents>([
  'message',
  'notification',
  'connection',
  'error',
  'message:failed',
]);

/**
 * The {@link ChatClient}: one connection, one store, one outbox per signed-in user. Each entry
 * point subclasses it with its default transport (socket.io-client, or the WebSocket-only one), so
 * a bundle holds only the transport it uses.
 */
export class ChatClientBase implements ChatClient {
  readonly #options: ChatClientOptions;
  readonly #ctx: ClientContext;
  readonly #emitter: EventHub<ChatClientEvents>;
  readonly #messages: ClientMessages;
  readonly #conversations: ClientConversations;
  readonly #readState: ClientReadState;
  readonly #presence: ClientPresence;
  readonly #cache: ClientCache;
  #user: ChatUser | undefined;
  #storage: Promise<ChatStorage> | undefined;
  #destroyed = false;

  constructor(options: ChatClientOptions, defaultTransport: () => SocketTransport) {
    if (typeof options !== 'object' || options === null) {
      throw new ChatError('INVALID', 'createChatClient takes an options object');
    }
    if (typeof options.url !== 'string' || options.url === '') {
      throw new ChatError('INVALID', 'url must be the chat server URL');
    }
    if (typeof options.getToken !== 'function') {
      throw new ChatError('INVALID', 'getToken must be a function returning a JWT');
    }
    if (
      options.storage !== undefined &&
      options.storage !== 'indexeddb' &&
      options.storage !== 'memory'
    ) {
      throw new ChatError('INVALID', "storage must be 'indexeddb' or 'memory'");
    }
    if (options.userId !== undefined && (typeof options.userId !== 'string' || !options.userId)) {
      throw new ChatError('INVALID', 'userId must be a non-empty string');
    }
    this.#options = options;
    this.#emitter = new EventHub<ChatClientEvents>(options.logger);
    const store = createStore<ChatState>(initialChatState({ kind: 'memory', durable: false }));
    const connection = new Connection({
      ...options,
      defaultTransport: defaultTransport(),
      getToken: async () => this.#learn(await options.getToken()),
    });
    this.#ctx = {
      store,
      connection,
      emitter: this.#emitter,
      request: (event, payload) => connection.request(event, payload),
      ...(options.logger ? { logger: options.logger } : {}),
      userId: () => this.#user?.userId,
    };
    this.#cache = createClientCache(this.#ctx);
    this.#conversations = new ClientConversations(this.#ctx, (c) => this.#cache.isCached(c));
    this.#messages = new ClientMessages(this.#ctx, {
      uploadUrl: options.uploadUrl ?? options.url,
      getToken: options.getToken,
      onIncoming: (message) => {
        const state = store.getSnapshot();
        if (!shouldNotify(state.activeConversationId, message)) return;
        const conversation = state.conversations.byId[message.conversationId];
        this.#emitter.emit('notification', {
          message,
          hidden: typeof document !== 'undefined' && document.visibilityState === 'hidden',
          ...(conversation ? { conversation } : {}),
        });
      },
    });
    this.#readState = new ClientReadState(this.#ctx, (id) => this.#messages.sync.loadLatest(id));
    this.#presence = new ClientPresence(this.#ctx);
    connection.on('message:new', ({ message }) => this.#messages.onNew(message));
    connection.onStatus((snapshot) => {
      if (snapshot.status !== 'connected') this.#presence.onDisconnected();
      this.#publishConnection();
    });
    connection.onSession(() => void this.#onSession());
  }

  connect(): void {
    this.#alive();
    this.#assumeUser();
    if (!this.#user) {
      // Learn the user (and open their storage) without waiting for the socket.
      Promise.resolve()
        .then(() => this.#options.getToken())
        .then((token) => this.#learn(token))
        .catch((error: unknown) => report(this.#ctx, error, 'reading the token'));
    }
    this.#ctx.connection.connect();
  }

  disconnect(): void {
    if (!this.#destroyed) this.#ctx.connection.disconnect();
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#ctx.connection.destroy();
    const saved = Promise.all([this.#messages.dispose(), this.#cache.dispose()]);
    this.#readState.dispose();
    this.#presence.dispose();
    this.#emitter.clear();
    // A message queued just before destroy() is still being written: close after it lands, so a
    // new client on the same storage (the reloaded page) sends it.
    this.#storage
      ?.then(async (storage) => {
        await saved;
        storage.close();
      })
      .catch(() => undefined);
  }

  // Arrow properties, so that they work unbound: `useSyncExternalStore(client.subscribe,
  // client.getSnapshot)`, `const { on } = client`.
  readonly getSnapshot = (): ChatState => this.#ctx.store.getSnapshot();

  readonly subscribe = (listener: () => void): (() => void) => this.#ctx.store.subscribe(listener);

  readonly on = <E extends keyof ChatClientEvents>(
    event: E,
    listener: ChatClientEvents[E],
  ): (() => void) => {
    if (!CLIENT_EVENTS.has(event)) {
      throw new ChatError(
        'INVALID',
        `unknown event ${String(event)}: one of ${[...CLIENT_EVENTS].join(', ')}`,
      );
    }
    if (typeof listener !== 'function')
      throw new ChatError('INVALID', 'listener must be a function');
    this.#alive();
    return this.#emitter.on(event, listener);
  };

  sendMessage(conversationId: string, input: SendMessageInput): PendingMessage {
    this.#alive();
    this.#assumeUser();
    const pending = this.#messages.send(conversationId, input);
    this.#presence.stopTyping(conversationId);
    return pending;
  }

  retryMessage(clientId: string): Promise<void> {
    return this.#messages.retry(clientId);
  }

  discardMessage(clientId: string): Promise<void> {
    return this.#messages.discard(clientId);
  }

  loadConversations(options?: { more?: boolean }): Promise<void> {
    return this.#conversations.load(options);
  }

  loadConversation(conversationId: string): Promise<Conversation> {
    return this.#conversations.get(conversationId);
  }

  openConversation(options: {
    participantIds: string[];
    subject?: ConversationSubject;
  }): Promise<Conversation> {
    return this.#conversations.open(options);
  }

  loadOlderMessages(conversationId: string): Promise<void> {
    return this.#messages.sync.loadOlder(conversationId);
  }

  setActiveConversation(conversationId: string | null, options?: { autoRead?: boolean }): void {
    this.#readState.setActive(conversationId, options?.autoRead ?? true);
  }

  markRead(conversationId: string, messageId?: string): Promise<void> {
    return this.#readState.markRead(conversationId, messageId);
  }

  markUnread(conversationId: string, messageId?: string): Promise<void> {
    return this.#readState.markUnread(conversationId, messageId);
  }

  search(
    query: string,
    options?: { conversationId?: string; cursor?: string; limit?: number },
  ): Promise<SearchResult> {
    return this.#conversations.search(query, options);
  }

  typing(conversationId: string): TypingHandle {
    return this.#presence.typing(conversationId);
  }

  watchPresence(userIds: readonly string[]): () => void {
    return this.#presence.watch(userIds);
  }

  async registerPush(options: {
    serviceWorkerRegistration: ServiceWorkerRegistration;
    publicKey: string;
    previews?: boolean;
  }): Promise<void> {
    const { subscribeToPush } = await import('../notifications/push');
    const subscription = await subscribeToPush(options);
    const { previews } = options;
    await this.#ctx.request('push:subscribe', {
      subscription,
      ...(previews === undefined ? {} : { previews }),
    });
  }

  /**
   * Resolves once the client is connected and its outbox and cache are read (the snapshot's
   * `connection.status` is then `connected`), within `timeoutMs` (the request timeout by default).
   * Rejects with `OFFLINE` when `connect()` was not called or `disconnect()` was, or in time; with
   * the refusal (`UNAUTHORIZED`...) when the server turned the client away; `DESTROYED`, `ABORTED`.
   */
  async waitForConnection(
    options: { timeoutMs?: number; signal?: AbortSignal } = {},
  ): Promise<void> {
    this.#alive();
    if (typeof options !== 'object' || options === null) {
      throw new ChatError('INVALID', 'waitForConnection takes { timeoutMs?, signal? }');
    }
    await this.#ctx.connection.waitForConnection(options);
    await this.#messages.loaded;
  }

  /**
   * Publishes the connection's state in the snapshot and as a `connection` event. `connected`
   * waits for the outbox and the cache to be read, so that a page never shows itself connected
   * with nothing pending while messages from before its reload are still on disk.
   */
  #publishConnection(): void {
    const snapshot = this.#ctx.connection.state;
    if (snapshot.status === 'connected' && !this.#ctx.store.getSnapshot().storage.loaded) return;
    if (this.#ctx.store.getSnapshot().connection === snapshot) return;
    this.#ctx.store.setState((s) => patchObject(s, { connection: snapshot }));
    this.#emitter.emit('connection', snapshot);
  }

  #alive(): void {
    if (this.#destroyed) throw new ChatError('DESTROYED', 'the client was destroyed');
  }

  /** With the `userId` option, the user is known (and their storage opened) before any token. */
  #assumeUser(): void {
    const userId = this.#options.userId;
    if (userId && !this.#user) this.#setUser({ userId, displayName: userId });
  }

  /**
   * Reads the user from every token: the first one opens their storage, later ones refine the
   * claims. A token for another user than the known one is refused before anything is sent.
   */
  #learn(token: string): string {
    if (this.#destroyed) return token;
    const claims = decodeTokenClaims(token);
    if (this.#user && this.#user.userId !== claims.userId) {
      throw new ChatError('UNAUTHORIZED', 'the token is for another user');
    }
    this.#setUser({
      userId: claims.userId,
      displayName: claims.displayName,
      ...(claims.avatarUrl ? { avatarUrl: claims.avatarUrl } : {}),
      ...(claims.role ? { role: claims.role } : {}),
    });
    return token;
  }

  /** Sets the user; the first time, opens their storage, outbox and cache. */
  #setUser(user: ChatUser): void {
    const { store } = this.#ctx;
    const first = !this.#user;
    if (JSON.stringify(user) !== JSON.stringify(this.#user)) {
      this.#user = user;
      store.setState((s) => patchObject(s, { user }));
    }
    if (!first) return;
    const storage = openChatStorage({
      userId: user.userId,
      preference: this.#options.storage ?? 'indexeddb',
      ...(this.#options.indexedDB ? { indexedDB: this.#options.indexedDB } : {}),
      onFallback: (error) => report(this.#ctx, error, 'opening IndexedDB'),
    });
    this.#storage = storage;
    storage
      .then((opened) => {
        // After destroy(), destroy() closes it once pending writes are done.
        if (!this.#destroyed)
          store.setState((s) =>
            patchObject(s, {
              storage: patchObject(s.storage, { kind: opened.kind, durable: opened.durable }),
            }),
          );
      })
      .catch(() => undefined);
    this.#messages.start(storage, this.#cache.start(storage));
    void this.#messages.loaded.then(() => {
      if (this.#destroyed) return;
      store.setState((s) => patchObject(s, { storage: patchObject(s.storage, { loaded: true }) }));
      this.#publishConnection();
    });
  }

  async #onSession(): Promise<void> {
    this.#presence.onSession();
    await this.#messages.onSession();
    const active = this.#ctx.store.getSnapshot().activeConversationId;
    if (active) {
      await this.#messages.sync
        .loadLatest(active)
        .catch((error: unknown) => report(this.#ctx, error, 'loading the conversation'));
    }
    this.#readState.readActive();
  }
}
