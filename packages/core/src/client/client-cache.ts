import { type Conversation, HISTORY_DEFAULT_LIMIT } from '@causette/protocol';
import { applyLatestPage } from '../messages/timeline';
import type { CachedChat, ChatStorage } from '../storage/types';
import { patchObject } from '../store/create-store';
import { updateWindow, upsertConversations } from '../store/reducers';
import type { ChatState } from '../store/types';
import { type ClientContext, report } from './context';

/** Saves wait for this long without a change, so a burst of messages is one write. */
export const CACHE_SAVE_DELAY_MS = 1000;

/** What the cache keeps of a state: the list and each loaded window's latest sent messages. */
export function toCachedChat(state: ChatState, savedAt: string): CachedChat {
  const { order, byId, hasMore } = state.conversations;
  const conversations: Conversation[] = [];
  for (const id of order) {
    const conversation = byId[id];
    // The latest count (acks, `unread:count`) rather than the one the list gave.
    const unreadCount = state.unread.byConversation[id] ?? 0;
    if (conversation) conversations.push({ ...conversation, unreadCount });
  }
  const messages: CachedChat['messages'] = {};
  for (const [id, window] of Object.entries(state.messages)) {
    if (window.loaded) messages[id] = window.sent.slice(-HISTORY_DEFAULT_LIMIT);
  }
  return { version: 1, savedAt, conversations, hasMore, messages };
}

/**
 * Renders a cached state into a store that has nothing from the server yet (else it is newer, and
 * the cache is not used). Cached windows count as loaded: `sync` continues from their last seq.
 */
export function hydrate(state: ChatState, chat: CachedChat): ChatState {
  // A window the server filled first stays right: cached messages merge into it without a gap.
  if (state.conversations.order.length > 0) return state;
  let next = upsertConversations(
    patchObject(state, {
      conversations: patchObject(state.conversations, { hasMore: chat.hasMore }),
    }),
    chat.conversations,
  );
  for (const [id, messages] of Object.entries(chat.messages)) {
    next = updateWindow(next, id, (w) => applyLatestPage(w, messages));
  }
  return next;
}

/** The conversation and message cache of one client (see {@link createClientCache}). */
export interface ClientCache {
  /** Reads the cache into the store; resolves once done (never rejects: a bad cache is dropped). */
  start(storage: Promise<ChatStorage>): Promise<void>;
  /** Whether `conversation` is still the object the cache gave (the server has not sent it). */
  isCached(conversation: Conversation): boolean;
  /** Stops saving after a last save; resolves once it is written, so storage may be closed. */
  dispose(): Promise<void>;
}

/**
 * The cache: loaded into the store as soon as the storage opens, then saved (debounced) whenever
 * what came from the server changes. Nothing is saved before the cache was read: a save (the last
 * one on dispose included) waits for the read, then keeps what the server sent meanwhile.
 */
export function createClientCache(ctx: ClientContext): ClientCache {
  const { store } = ctx;
  const cached = new WeakSet<Conversation>();
  /** Nothing from the server yet: what an absent cache stands for. */
  const initial = store.getSnapshot();
  /** The state the cache holds: last hydrated or saved. */
  let base: ChatState | undefined;
  let opened: Promise<ChatStorage> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing = Promise.resolve();
  let unsubscribe: (() => void) | undefined;
  let loading: Promise<void> = Promise.resolve();
  let disposed = false;

  // Pending messages, typing and presence live elsewhere: changes there are not the cache's.
  const changed = (state: ChatState) =>
    !!base &&
    (base.conversations !== state.conversations ||
      base.unread !== state.unread ||
      base.messages !== state.messages);

  const save = (): Promise<void> => {
    clearTimeout(timer);
    const state = store.getSnapshot();
    const storage = opened;
    if (!storage || !changed(state)) return writing;
    base = state;
    const chat = toCachedChat(state, new Date().toISOString());
    writing = writing
      .then(async () => (await storage).cache.save(chat))
      .catch((error: unknown) => report(ctx, error, 'saving the cache'));
    return writing;
  };

  return {
    start(storage) {
      opened = storage;
      loading = read(storage);
      return loading;
    },
    isCached: (conversation) => cached.has(conversation),
    async dispose() {
      disposed = true;
      unsubscribe?.();
      // A read still under way decides what the last save compares with: wait for it.
      await loading;
      return save();
    },
  };

  async function read(storage: Promise<ChatStorage>): Promise<void> {
    try {
      const chat = await (await storage).cache.load();
      if (disposed || !chat) return;
      // Another version (an older or newer app) is not ours to read; a malformed one throws.
      if (chat.version !== 1) throw new Error('unknown cache version');
      for (const c of chat.conversations) cached.add(c);
      const before = store.getSnapshot();
      store.setState((s) => hydrate(s, chat));
      if (store.getSnapshot() !== before) base = store.getSnapshot();
    } catch (error) {
      report(ctx, error, 'reading the cache');
      await storage.then((s) => s.cache.clear()).catch(() => undefined);
    } finally {
      // Server data that came while the cache was being read is not in it: compare with the
      // empty start then, so it is saved too.
      base ??= initial;
      if (!disposed) {
        const schedule = () => {
          if (!changed(store.getSnapshot())) return;
          clearTimeout(timer);
          timer = setTimeout(save, CACHE_SAVE_DELAY_MS);
        };
        unsubscribe = store.subscribe(schedule);
        schedule();
      }
    }
  }
}
