// The client as a new user meets it: the README's calls, in the README's order, against the mock
// server. Each test failed before the change it is named after.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { isChatError } from '../errors';
import { openIndexedDbStorage } from '../storage/indexeddb-storage';
import type { ChatState } from '../store/types';
import { connected, destroyClients, makeClient, server, until } from './test-client.test-fixtures';

beforeAll(() => server.listen());
afterEach(() => {
  destroyClients();
  server.reset();
  vi.restoreAllMocks();
});
afterAll(() => server.close());

const ALICE = 'u-alice';
const CONV = 'c-lyon-t2';
vi.setConfig({ testTimeout: 30_000 });

/** Every snapshot the client publishes from now on. */
function recordSnapshots(client: {
  subscribe(l: () => void): () => void;
  getSnapshot(): ChatState;
}) {
  const seen: ChatState[] = [];
  client.subscribe(() => seen.push(client.getSnapshot()));
  return seen;
}

describe('store methods passed unbound', () => {
  it('subscribe, getSnapshot and on work detached from the client, as useSyncExternalStore calls them', async () => {
    const client = makeClient(ALICE);
    const { subscribe, getSnapshot, on } = client;
    const statuses: string[] = [];
    const events: string[] = [];
    const unsubscribe = subscribe(() => statuses.push(getSnapshot().connection.status));
    const off = on('connection', (snapshot) => events.push(snapshot.status));
    client.connect();
    await until(client, (s) => s.connection.status === 'connected');
    expect(statuses).toContain('connected');
    expect(events.at(-1)).toBe('connected');
    unsubscribe();
    off();
    expect(getSnapshot()).toBe(client.getSnapshot());
  });
});

describe('requests made while connecting', () => {
  it('connect() then await loadConversations() resolves, as the README shows', async () => {
    const client = makeClient(ALICE);
    client.connect();
    await client.loadConversations();
    expect(client.getSnapshot().conversations.order).toEqual(
      server.state.conversations(ALICE).map((c) => c.id),
    );
  });

  it('a request made while reconnecting waits for the connection and is answered', async () => {
    const client = makeClient(ALICE, { requestTimeoutMs: 5000 });
    await connected(client);
    server.goOffline();
    await until(client, (s) => s.connection.status !== 'connected');
    const search = client.search('disponible');
    setTimeout(() => server.goOnline(), 200);
    await expect(search).resolves.toMatchObject({ hits: expect.any(Array) });
  });

  it('fails at once when never connected or disconnected, and OFFLINE once its timeout passes', async () => {
    const client = makeClient(ALICE);
    const idle = await client.loadConversations().catch((error: unknown) => error);
    expect(isChatError(idle) && idle.code).toBe('OFFLINE');
    expect(String(idle)).toMatch(/connect\(\) first/);

    server.goOffline();
    client.connect();
    const late = await client.loadConversations().catch((error: unknown) => error);
    expect(isChatError(late) && late.code).toBe('OFFLINE');
    expect(isChatError(late) && late.transient).toBe(true);

    const waiting = client.loadConversations().catch((error: unknown) => error);
    client.disconnect();
    const cut = await waiting;
    expect(isChatError(cut) && cut.code).toBe('OFFLINE');
  });

  it('fails with the refusal when the server turns the client away while it waits', async () => {
    const client = makeClient(ALICE, {
      getToken: () => 'not-a-token',
      requestTimeoutMs: 5000,
    });
    client.connect();
    const refused = await client.loadConversations().catch((error: unknown) => error);
    expect(isChatError(refused) && refused.code).toBe('UNAUTHORIZED');
    await expect(client.waitForConnection()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('waitForConnection resolves once connected, and rejects when nothing connects', async () => {
    const client = makeClient(ALICE);
    await expect(client.waitForConnection()).rejects.toMatchObject({ code: 'OFFLINE' });
    client.connect();
    await client.waitForConnection();
    expect(client.getSnapshot().connection.status).toBe('connected');
    await client.waitForConnection();
    client.disconnect();
    server.goOffline();
    client.connect();
    await expect(client.waitForConnection({ timeoutMs: 100 })).rejects.toMatchObject({
      code: 'OFFLINE',
    });
    const aborted = new AbortController();
    const waiting = client.waitForConnection({ signal: aborted.signal });
    aborted.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'ABORTED' });
    const destroyed = client.waitForConnection();
    client.destroy();
    await expect(destroyed).rejects.toMatchObject({ code: 'DESTROYED' });
  });
});

describe('own messages in a conversation that is not loaded', () => {
  it('stay visible once acknowledged: every snapshot after the send shows them', async () => {
    const client = makeClient(ALICE);
    await connected(client);
    await client.loadConversations();
    expect(client.getSnapshot().messages[CONV]?.loaded).not.toBe(true);
    const seen = recordSnapshots(client);
    const pending = client.sendMessage(CONV, { content: 'Envoyé depuis la liste' });
    const state = await until(client, (s) =>
      (s.messages[CONV]?.items ?? []).some(
        (m) => m.clientId === pending.clientId && m.status === 'sent',
      ),
    );
    expect(seen.length).toBeGreaterThan(1);
    for (const snapshot of seen) {
      const shown = snapshot.messages[CONV]?.items.filter((m) => m.clientId === pending.clientId);
      expect(shown).toHaveLength(1);
    }
    const window = state.messages[CONV];
    expect(window?.sent.at(-1)?.content).toBe('Envoyé depuis la liste');
    // Still there later, and the history before it comes without a gap.
    await until(client, (s) => (s.messages[CONV]?.sent.length ?? 0) > 1);
    const later = client.getSnapshot().messages[CONV];
    expect(later?.sent.at(-1)?.clientId).toBe(pending.clientId);
    const seqs = later?.sent.map((m) => m.seq) ?? [];
    expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] ?? 0) + i));
  });

  it('stay visible when sent offline before any conversation was loaded, then acknowledged', async () => {
    const client = makeClient(ALICE);
    await connected(client);
    server.goOffline();
    await until(client, (s) => s.connection.status !== 'connected');
    const seen = recordSnapshots(client);
    const pending = client.sendMessage('c-reze-maison', { content: 'Hors ligne' });
    server.goOnline();
    await until(
      client,
      (s) => s.messages['c-reze-maison']?.sent.at(-1)?.clientId === pending.clientId,
    );
    for (const snapshot of seen) {
      const items = snapshot.messages['c-reze-maison']?.items ?? [];
      expect(items.filter((m) => m.clientId === pending.clientId)).toHaveLength(1);
    }
  });
});

describe('a page started with messages from before its reload', () => {
  it('shows them, and says the outbox is read, before its status turns connected', async () => {
    const indexedDB = new IDBFactory();
    const first = makeClient(ALICE, { indexedDB, userId: ALICE });
    server.goOffline();
    first.connect();
    const queued = first.sendMessage(CONV, { content: 'écrit avant le rechargement' });
    first.destroy();
    await vi.waitFor(async () => {
      const storage = await openIndexedDbStorage({ userId: ALICE, indexedDB });
      const entries = await storage.outbox.list();
      storage.close();
      expect(entries.map((e) => e.clientId)).toEqual([queued.clientId]);
    });
    server.goOnline();
    // The outbox read (IDBIndex.getAll) of the new page takes 300 ms; the connection does not.
    const getAll = IDBIndex.prototype.getAll;
    vi.spyOn(IDBIndex.prototype, 'getAll').mockImplementation(function slowGetAll(
      this: IDBIndex,
      ...args: Parameters<IDBIndex['getAll']>
    ) {
      const request = getAll.apply(this, args);
      const listen = request.addEventListener.bind(request);
      request.addEventListener = ((type: string, listener: EventListener, options?: unknown) =>
        listen(
          type,
          (event: Event) => setTimeout(() => listener(event), 300),
          options as AddEventListenerOptions,
        )) as typeof request.addEventListener;
      return request;
    });
    const second = makeClient(ALICE, { indexedDB, userId: ALICE });
    const seen = recordSnapshots(second);
    second.connect();
    await until(
      second,
      (s) => s.messages[CONV]?.sent.some((m) => m.clientId === queued.clientId) === true,
    );
    const connectedSnapshots = seen.filter((s) => s.connection.status === 'connected');
    expect(connectedSnapshots.length).toBeGreaterThan(0);
    for (const snapshot of connectedSnapshots) {
      expect(snapshot.storage.loaded).toBe(true);
    }
    const firstConnected = seen.findIndex((s) => s.connection.status === 'connected');
    const shownPending = seen.findIndex((s) =>
      s.messages[CONV]?.pending.some((p) => p.clientId === queued.clientId),
    );
    expect(shownPending).toBeGreaterThanOrEqual(0);
    expect(shownPending).toBeLessThan(firstConnected);
  });
});

describe('one conversation opened before the list', () => {
  it('loadConversation fetches it into the list; a stranger gets the refusal', async () => {
    const client = makeClient(ALICE);
    client.connect();
    const conversation = await client.loadConversation(CONV);
    expect(conversation.id).toBe(CONV);
    expect(client.getSnapshot().conversations.byId[CONV]).toEqual(conversation);
    expect(client.getSnapshot().unread.byConversation[CONV]).toBe(conversation.unreadCount);
    const stranger = makeClient('u-chloe');
    stranger.connect();
    await expect(stranger.loadConversation(CONV)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(client.loadConversation('')).rejects.toMatchObject({ code: 'INVALID' });
  });
});
