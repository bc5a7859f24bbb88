import { type Conversation, HISTORY_DEFAULT_LIMIT } from '@causette/protocol';
import { onPageHide } from '../environment';
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
 * Merges a cached state into the store. What the server sent first wins: its conversations, its
 * loaded windows and, once a list page came, which conversations are listed. The rest comes from
 * the cache, so that a slow IndexedDB read never shows (nor later saves) less than was cached.
 * Cached windows count as loaded: `sync`, which waits for this, continues from their last seq.
 */
export function hydrate(state: ChatState, chat: CachedChat): ChatState {
  const listed = state.conversations.status === 'loaded';
  let next = state;
  if (!listed) {
    next = upsertConversations(
      patchObject(next, {
        conversations: patchObject(next.conversations, { hasMore: chat.hasMore }),
      }),
      chat.conversations.filter((c) => !state.conversations.byId[c.id]),
    );
  }
  for (const [id, messages] of Object.entries(chat.messages)) {
    if (!state.messages[id]?.loaded) {
      next = updateWindow(next, id, (w) => applyLatestPage(w, messages));
    }
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
 * what came from the server changes, and at once when the connection drops or the page is hidden
 * or goes (a reload within the debounce, offline, would otherwise find a blank list). Nothing is
 * saved before the cache was read: a save (the last one on dispose included) waits for the read,
 * then keeps what the server sent meanwhile.
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
  let stopPageHide: (() => void) | undefined;
  let loading: Promise<void> = Promise.resolve();
  let disposed = false;
  /** A cache read after dispose: not shown any more, but kept by the last save. */
  let unshown: CachedChat | undefined;

  // Pending messages, typing and presence live elsewhere: changes there are not the cache's.
  const differs = (a: ChatState, b: ChatState) =>
    a.conversations !== b.conversations || a.unread !== b.unread || a.messages !== b.messages;
  const changed = (state: ChatState) => !!base && differs(base, state);

  const save = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    const state = store.getSnapshot();
    const storage = opened;
    if (!storage || !changed(state)) return writing;
    base = state;
    const chat = toCachedChat(unshown ? hydrate(state, unshown) : state, new Date().toISOString());
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
      stopPageHide?.();
      // A read still under way decides what the last save compares with: wait for it.
      await loading;
      return save();
    },
  };

  async function read(storage: Promise<ChatStorage>): Promise<void> {
    try {
      const chat = await (await storage).cache.load();
      if (!chat) return;
      // Another version (an older or newer app) is not ours to read; a malformed one throws.
      if (chat.version !== 1) throw new Error('unknown cache version');
      const before = store.getSnapshot();
      const merged = hydrate(before, chat);
      for (const c of chat.conversations) cached.add(c);
      if (disposed) {
        unshown = chat;
        return;
      }
      store.setState(() => merged);
      // The merge alone needs no save, unless the server had already sent something.
      if (merged !== before && !differs(initial, before)) base = merged;
    } catch (error) {
      report(ctx, error, 'reading the cache');
      await storage.then((s) => s.cache.clear()).catch(() => undefined);
    } finally {
      // Server data that came while the cache was being read is not in it: compare with the
      // empty start then, so it is saved (merged with the cache) too.
      base ??= initial;
      if (!disposed) {
        let status = store.getSnapshot().connection.status;
        const schedule = () => {
          const state = store.getSnapshot();
          // The link just dropped: what the server sent is all there will be for a while, and
          // a reload now (offline) must find it. Saved at once, not after the delay.
          const dropped = status === 'connected' && state.connection.status !== 'connected';
          status = state.connection.status;
          if (!changed(state)) return;
          clearTimeout(timer);
          if (dropped) void save();
          else timer = setTimeout(save, CACHE_SAVE_DELAY_MS);
        };
        unsubscribe = store.subscribe(schedule);
        stopPageHide = onPageHide(() => {
          if (timer !== undefined) void save();
        });
        schedule();
      }
    }
  }
}
