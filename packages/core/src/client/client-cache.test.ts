// The cache's timing and reducers on their own: debounced saves, the last save on dispose, no
// timer left, and what is kept of a state.
import { EventHub } from '../events/event-hub';
import type { Conversation } from '@causette/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatClientEvents } from '../events/types';
import { setPending } from '../messages/timeline';
import { makeMessage } from '../messages/test-messages';
import type { PendingMessage } from '../messages/types';
import { createMemoryStorage } from '../storage/memory-storage';
import type { CachedChat, ChatStorage } from '../storage/types';
import { createStore } from '../store/create-store';
import { updateWindow, upsertConversations } from '../store/reducers';
import { type ChatState, initialChatState } from '../store/types';
import { applyLatestPage } from '../messages/timeline';
import { CACHE_SAVE_DELAY_MS, createClientCache, hydrate, toCachedChat } from './client-cache';
import type { ClientContext } from './context';
import { installFakeBrowser } from '../environment/test-browser';

function conversation(id: string, lastSeq: number, unreadCount = 0): Conversation {
  return {
    id,
    members: [],
    lastSeq,
    lastMessageAt: new Date(Date.UTC(2025, 0, 1, 0, lastSeq)).toISOString(),
    unreadCount,
    markedUnread: false,
  };
}

function setup(storage: ChatStorage = createMemoryStorage()) {
  const store = createStore<ChatState>(initialChatState({ kind: 'memory', durable: false }));
  const emitter = new EventHub<ChatClientEvents>();
  const errors: unknown[] = [];
  emitter.on('error', (error) => errors.push(error));
  const ctx = { store, emitter, userId: () => 'me' } as unknown as ClientContext;
  const save = vi.spyOn(storage.cache, 'save');
  return { store, storage, save, errors, cache: createClientCache(ctx) };
}

/** Holds the cache read of `storage` until `release()`; `load` reads it directly. */
function slowLoad(storage: ChatStorage) {
  let resolveRead: () => void = () => undefined;
  const load = storage.cache.load.bind(storage.cache);
  vi.spyOn(storage.cache, 'load').mockImplementation(
    () => new Promise((resolve) => (resolveRead = () => resolve(load()))),
  );
  return { release: () => resolveRead(), load };
}

const pending: PendingMessage = {
  clientId: 'p1',
  conversationId: 'c1',
  senderId: 'me',
  type: 'TEXT',
  content: 'pending',
  createdAt: '2025-01-01T00:00:00.000Z',
  status: 'pending',
};

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('createClientCache', () => {
  it('saves at once when the connection drops, if a save is due', async () => {
    vi.useFakeTimers();
    const { store, storage, save, cache } = setup();
    await cache.start(Promise.resolve(storage));
    const status = (value: ChatState['connection']['status']) =>
      store.setState((s) => ({ ...s, connection: { ...s.connection, status: value } }));
    status('connected');
    store.setState((s) => upsertConversations(s, [conversation('c1', 3, 2)]));
    status('reconnecting');
    await vi.advanceTimersByTimeAsync(0);
    expect(save).toHaveBeenCalledOnce();
    expect(vi.getTimerCount()).toBe(0);
    // Nothing new since: a later drop writes nothing.
    status('connected');
    status('offline');
    await vi.advanceTimersByTimeAsync(CACHE_SAVE_DELAY_MS);
    expect(save).toHaveBeenCalledOnce();
    await cache.dispose();
  });

  it('saves at once when the page is hidden or unloaded, if a save is due', async () => {
    vi.useFakeTimers();
    const browser = installFakeBrowser();
    const { store, storage, save, cache } = setup();
    await cache.start(Promise.resolve(storage));
    // Nothing due: nothing written.
    browser.window.dispatchEvent(new Event('pagehide'));
    expect(save).not.toHaveBeenCalled();
    store.setState((s) => upsertConversations(s, [conversation('c1', 3, 2)]));
    // A reload right away (before the debounce): written on the way out.
    browser.window.dispatchEvent(new Event('pagehide'));
    await vi.advanceTimersByTimeAsync(0);
    expect(save).toHaveBeenCalledOnce();
    expect(vi.getTimerCount()).toBe(0);
    store.setState((s) => upsertConversations(s, [conversation('c1', 4, 3)]));
    browser.hide();
    await vi.advanceTimersByTimeAsync(0);
    expect(save).toHaveBeenCalledTimes(2);
    await cache.dispose();
    expect(browser.window.listenerCount).toBe(0);
    expect(browser.document.listenerCount).toBe(0);
  });

  it('saves 1 s after the last change of server data, not for typing nor the hydration', async () => {
    vi.useFakeTimers();
    const { store, storage, save, cache } = setup();
    await storage.cache.save(toCachedChat(store.getSnapshot(), 'before'));
    save.mockClear();
    await cache.start(Promise.resolve(storage));
    store.setState((s) => ({ ...s, typing: { c1: ['bob'] } }));
    expect(vi.getTimerCount()).toBe(0);
    store.setState((s) => upsertConversations(s, [conversation('c1', 3, 2)]));
    await vi.advanceTimersByTimeAsync(CACHE_SAVE_DELAY_MS - 1);
    store.setState((s) => upsertConversations(s, [conversation('c1', 4, 3)]));
    await vi.advanceTimersByTimeAsync(CACHE_SAVE_DELAY_MS - 1);
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(save).toHaveBeenCalledOnce();
    expect((await storage.cache.load())?.conversations).toEqual([conversation('c1', 4, 3)]);
    expect(vi.getTimerCount()).toBe(0);
    await cache.dispose();
    expect(save).toHaveBeenCalledOnce();
  });

  it('saves server data that arrived while the cache was still being read', async () => {
    vi.useFakeTimers();
    const storage = createMemoryStorage();
    const { store, save, cache } = setup(storage);
    const { release, load } = slowLoad(storage);
    const started = cache.start(Promise.resolve(storage));
    await vi.advanceTimersByTimeAsync(0);
    expect(storage.cache.load).toHaveBeenCalled();
    // The server answers before the (slow) cache read is done.
    store.setState((s) => upsertConversations(s, [conversation('c1', 2)]));
    release();
    await started;
    await cache.dispose();
    expect(save).toHaveBeenCalledOnce();
    expect((await load())?.conversations).toEqual([conversation('c1', 2)]);
  });

  it('saves on a dispose that comes while the cache is still being read', async () => {
    const storage = createMemoryStorage();
    const { store, save, cache } = setup(storage);
    const { release, load } = slowLoad(storage);
    void cache.start(Promise.resolve(storage));
    await vi.waitFor(() => expect(storage.cache.load).toHaveBeenCalled());
    store.setState((s) => upsertConversations(s, [conversation('c1', 2)]));
    const disposed = cache.dispose();
    release();
    await disposed;
    expect(save).toHaveBeenCalledOnce();
    expect((await load())?.conversations).toEqual([conversation('c1', 2)]);
  });

  it('a dispose during the read never saves less than was cached', async () => {
    const storage = createMemoryStorage();
    const earlier = upsertConversations(initialChatState({ kind: 'memory', durable: false }), [
      conversation('c1', 2),
    ]);
    const window = updateWindow(earlier, 'c1', (w) =>
      applyLatestPage(w, [makeMessage(1), makeMessage(2)]),
    );
    await storage.cache.save(toCachedChat(window, 'before'));
    const { store, save, cache } = setup(storage);
    const { release, load } = slowLoad(storage);
    void cache.start(Promise.resolve(storage));
    await vi.waitFor(() => expect(storage.cache.load).toHaveBeenCalled());
    // A message queued, and a conversation:new, before the page was closed mid-read.
    store.setState((s) => updateWindow(s, 'c1', (w) => setPending(w, [pending])));
    store.setState((s) => upsertConversations(s, [conversation('c2', 1)]));
    const disposed = cache.dispose();
    release();
    await disposed;
    expect(save).toHaveBeenCalledOnce();
    const saved = await load();
    expect(saved?.conversations.map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(saved?.messages.c1?.map((m) => m.seq)).toEqual([1, 2]);
    // The destroyed client's store is left alone.
    expect(store.getSnapshot().conversations.order).toEqual(['c2']);
  });

  it('saves at once on dispose, after which nothing is saved and no timer is left', async () => {
    vi.useFakeTimers();
    const { store, storage, save, cache } = setup();
    await cache.start(Promise.resolve(storage));
    store.setState((s) => upsertConversations(s, [conversation('c1', 1)]));
    expect(vi.getTimerCount()).toBe(1);
    await cache.dispose();
    expect(vi.getTimerCount()).toBe(0);
    expect(save).toHaveBeenCalledOnce();
    store.setState((s) => upsertConversations(s, [conversation('c2', 1)]));
    expect(vi.getTimerCount()).toBe(0);
    expect((await storage.cache.load())?.conversations.map((c) => c.id)).toEqual(['c1']);
  });

  it('reports a failing load or save and carries on', async () => {
    vi.useFakeTimers();
    const storage = createMemoryStorage();
    vi.spyOn(storage.cache, 'load').mockRejectedValue(new Error('corrupt'));
    const clear = vi.spyOn(storage.cache, 'clear');
    const { store, save, errors, cache } = setup(storage);
    save.mockRejectedValue(new Error('quota'));
    await cache.start(Promise.resolve(storage));
    expect(clear).toHaveBeenCalledOnce();
    store.setState((s) => upsertConversations(s, [conversation('c1', 1)]));
    await vi.advanceTimersByTimeAsync(CACHE_SAVE_DELAY_MS);
    expect(errors.map((e) => (e as Error).message)).toEqual(['corrupt', 'quota']);
    await cache.dispose();
  });

  it('drops a malformed cache', async () => {
    const storage = createMemoryStorage();
    await storage.cache.save({ version: 1, conversations: null } as unknown as CachedChat);
    const { store, errors, cache } = setup(storage);
    await cache.start(Promise.resolve(storage));
    expect(await storage.cache.load()).toBeUndefined();
    expect(store.getSnapshot().conversations.order).toEqual([]);
    expect(errors).toHaveLength(1);
    await cache.dispose();
  });
});

describe('toCachedChat and hydrate', () => {
  function serverState(): ChatState {
    let state = initialChatState({ kind: 'memory', durable: false });
    state = upsertConversations(state, [conversation('c1', 80, 5), conversation('c2', 2, 1)]);
    const page = Array.from({ length: 80 }, (_, i) => makeMessage(i + 1));
    state = updateWindow(state, 'c1', (w) => setPending(applyLatestPage(w, page), [pending]));
    return state;
  }

  it('keeps the list in order, the latest unread and the last 50 sent messages', () => {
    const state = serverState();
    const chat = toCachedChat(
      { ...state, unread: { ...state.unread, byConversation: { c1: 0, c2: 1 } } },
      'now',
    );
    expect(chat).toMatchObject({ version: 1, savedAt: 'now', hasMore: true });
    expect(chat.conversations.map((c) => [c.id, c.unreadCount])).toEqual([
      ['c1', 0],
      ['c2', 1],
    ]);
    expect(chat.messages.c1?.map((m) => m.seq)).toEqual(
      Array.from({ length: 50 }, (_, i) => 31 + i),
    );
    expect(Object.keys(chat.messages)).toEqual(['c1']);
  });

  it('renders the cache as loaded windows and unread sums', () => {
    const chat = toCachedChat(serverState(), 'now');
    const withPending = updateWindow(
      initialChatState({ kind: 'memory', durable: false }),
      'c1',
      (w) => setPending(w, [pending]),
    );
    const state = hydrate(withPending, { ...chat, hasMore: false });
    expect(state.conversations.order).toEqual(['c1', 'c2']);
    expect(state.conversations.hasMore).toBe(false);
    expect(state.unread).toEqual({
      total: 6,
      totalFromServer: false,
      byConversation: { c1: 5, c2: 1 },
    });
    const window = state.messages.c1;
    expect(window).toMatchObject({ loaded: true, hasOlder: true });
    expect(window?.sent.map((m) => m.seq)).toEqual(Array.from({ length: 50 }, (_, i) => 31 + i));
    expect(window?.items.at(-1)).toMatchObject({ clientId: 'p1', status: 'pending' });
  });

  it('merges under what the server sent first: its conversations, windows and list win', () => {
    const chat = toCachedChat(serverState(), 'now');
    const empty = initialChatState({ kind: 'memory', durable: false });
    // A message:new for c1 (not loaded yet) and a conversation:new for c3 came before the read.
    const early = upsertConversations(empty, [conversation('c1', 81, 6), conversation('c3', 1)]);
    const merged = hydrate(early, chat);
    expect(merged.conversations.order).toEqual(['c1', 'c2', 'c3']);
    expect(merged.conversations.byId.c1?.lastSeq).toBe(81);
    expect(merged.unread.byConversation).toEqual({ c1: 6, c2: 1, c3: 0 });
    // The cached window shows; sync (which waits for the read) continues from its seq 80.
    expect(merged.messages.c1?.sent.at(-1)?.seq).toBe(80);

    // A window the server loaded first is kept as it is.
    const loaded = updateWindow(early, 'c1', (w) => applyLatestPage(w, [makeMessage(81)]));
    expect(hydrate(loaded, chat).messages.c1).toBe(loaded.messages.c1);

    // Once a list page came, the server's list is the list: cached conversations are not added.
    const listed = {
      ...early,
      conversations: { ...early.conversations, status: 'loaded' as const },
    };
    expect(hydrate(listed, chat).conversations).toBe(listed.conversations);
    expect(hydrate(listed, chat).messages.c1?.loaded).toBe(true);
  });
});
