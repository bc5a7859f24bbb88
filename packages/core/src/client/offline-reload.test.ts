// The cache and the `userId` option across reloads, against the mock server and fake-indexeddb:
// a "reload" is a new client on the same IDBFactory.
import 'fake-indexeddb/auto';
import type { Conversation } from '@causette/protocol';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openIndexedDbStorage } from '../storage/indexeddb-storage';
import type { CachedChat } from '../storage/types';
import type { ChatState } from '../store/types';
import type { ChatClientOptions } from './types';
import {
  connected,
  destroyClients,
  makeClient,
  server,
  shownSeqs,
  until,
} from './test-client.test-fixtures';

beforeAll(() => server.listen());
afterEach(() => {
  destroyClients();
  server.reset();
});
afterAll(() => server.close());

const CONV = 'c-lyon-t2';
/** Disk checks poll for longer than the default second: the suite runs in parallel. */
// Generous bounds for a loaded CI machine (no assertion is about time).
const WAIT = { timeout: 10_000, interval: 10 };
vi.setConfig({ testTimeout: 30_000 });
const ALICE = 'u-alice';

/** What the cache holds on disk, read straight from Alice's database. */
async function cacheOnDisk(indexedDB: IDBFactory): Promise<CachedChat | undefined> {
  const storage = await openIndexedDbStorage({ userId: ALICE, indexedDB });
  try {
    return await storage.cache.load();
  } finally {
    storage.close();
  }
}

async function outboxOnDisk(indexedDB: IDBFactory): Promise<string[]> {
  const storage = await openIndexedDbStorage({ userId: ALICE, indexedDB });
  try {
    return (await storage.outbox.list()).map((e) => e.clientId);
  } finally {
    storage.close();
  }
}

/** A first page: loads the list and the conversation, then is destroyed (the cache is saved). */
async function firstPage(indexedDB: IDBFactory): Promise<void> {
  const client = makeClient(ALICE, { indexedDB });
  await connected(client);
  await client.loadConversations();
  client.setActiveConversation(CONV);
  await until(client, (s) => s.messages[CONV]?.loaded === true);
  client.destroy();
  await vi.waitFor(
    async () => expect((await cacheOnDisk(indexedDB))?.messages[CONV]?.at(-1)?.seq).toBe(120),
    WAIT,
  );
}

/** A token provider that fails like a fetch without network until `online` is set. */
function flakyToken(userId: string) {
  const token = { online: false };
  const getToken: ChatClientOptions['getToken'] = () =>
    token.online ? server.tokenFor(userId) : Promise.reject(new TypeError('Failed to fetch'));
  return { token, getToken };
}

/** Events Alice's clients sent from `from` on. */
const sentSince = (from: number, event: string) =>
  server
    .receivedBy(ALICE)
    .slice(from)
    .filter((e) => e.event === event);

function gapFree(state: ChatState, conversationId: string): boolean {
  const seqs = shownSeqs(state, conversationId);
  return seqs.every((seq, i) => i === 0 || seq === (seqs[i - 1] ?? 0) + 1);
}

describe('the cache across reloads', () => {
  it('an offline reload shows the list, the cached messages and the queued ones at once', async () => {
    const indexedDB = new IDBFactory();
    const first = makeClient(ALICE, { indexedDB });
    await connected(first);
    await first.loadConversations();
    first.setActiveConversation(CONV);
    await until(first, (s) => s.messages[CONV]?.loaded === true);
    server.goOffline();
    await until(first, (s) => s.connection.status !== 'connected');
    const queued = ['un', 'deux'].map((content) => first.sendMessage(CONV, { content }));
    first.destroy();
    await vi.waitFor(async () => expect(await outboxOnDisk(indexedDB)).toHaveLength(2), WAIT);
    await vi.waitFor(
      async () => expect((await cacheOnDisk(indexedDB))?.conversations.length).toBe(3),
      WAIT,
    );
    const meanwhile = server.sendAs('u-bruno', CONV, 'pendant ton absence');

    const { token, getToken } = flakyToken(ALICE);
    const mark = server.receivedBy(ALICE).length;
    const second = makeClient(ALICE, { indexedDB, userId: ALICE, getToken });
    second.connect();
    const offline = await until(
      second,
      (s) => s.messages[CONV]?.pending.length === 2 && s.conversations.order.length === 3,
    );
    expect(offline.connection.status).not.toBe('connected');
    expect(offline.user).toEqual({ userId: ALICE, displayName: ALICE });
    expect(offline.storage).toEqual({ kind: 'indexeddb', durable: true, loaded: true });
    expect(offline.conversations.order).toEqual(server.state.conversations(ALICE).map((c) => c.id));
    expect(offline.unread.byConversation[CONV]).toBe(0);
    expect(shownSeqs(offline, CONV)).toEqual(Array.from({ length: 50 }, (_, i) => 71 + i));
    expect(offline.messages[CONV]?.hasOlder).toBe(true);
    expect(offline.messages[CONV]?.items.slice(-2).map((m) => m.content)).toEqual(['un', 'deux']);
    // Queued before the user is confirmed by a token: it waits in the outbox too.
    const third = second.sendMessage(CONV, { content: 'trois' });
    expect(third.status).toBe('pending');
    expect(server.receivedBy(ALICE).length).toBe(mark);

    token.online = true;
    server.goOnline();
    const online = await until(
      second,
      (s) =>
        s.connection.status === 'connected' &&
        s.messages[CONV]?.pending.length === 0 &&
        s.messages[CONV]?.sent.at(-1)?.seq === server.state.messages(CONV).length,
    );
    expect(online.user).toMatchObject({ userId: ALICE, displayName: 'Alice Martin' });
    expect(gapFree(online, CONV)).toBe(true);
    const stored = server.state.messages(CONV);
    for (const { clientId } of [...queued, third]) {
      expect(stored.filter((m) => m.clientId === clientId)).toHaveLength(1);
    }
    expect(online.messages[CONV]?.sent.map((m) => m.id)).toContain(meanwhile.id);
    expect(online.messages[CONV]?.items.filter((m) => m.status !== 'sent')).toEqual([]);
  });

  it('a tab still open sends what a tab closed offline had queued, at its next connection', async () => {
    const indexedDB = new IDBFactory();
    const closing = makeClient(ALICE, { indexedDB, userId: ALICE });
    const staying = makeClient(ALICE, { indexedDB, userId: ALICE });
    for (const tab of [closing, staying]) {
      tab.connect();
      tab.setActiveConversation(CONV);
    }
    await until(closing, (s) => s.messages[CONV]?.loaded === true);
    await until(staying, (s) => s.messages[CONV]?.loaded === true);
    server.goOffline();
    const queued = closing.sendMessage(CONV, { content: "écrit dans l'onglet fermé" });
    closing.destroy();
    await vi.waitFor(async () => expect(await outboxOnDisk(indexedDB)).toHaveLength(1), WAIT);

    server.goOnline();
    const state = await until(
      staying,
      (s) => s.messages[CONV]?.sent.at(-1)?.clientId === queued.clientId,
    );
    expect(state.messages[CONV]?.pending).toEqual([]);
    const stored = server.state.messages(CONV);
    expect(stored.filter((m) => m.clientId === queued.clientId)).toHaveLength(1);
    await vi.waitFor(async () => expect(await outboxOnDisk(indexedDB)).toEqual([]), WAIT);
  });

  it('reconciles through sync from the cached seq, without a history page', async () => {
    const indexedDB = new IDBFactory();
    await firstPage(indexedDB);
    const missed = ['un', 'deux', 'trois'].map((c) => server.sendAs('u-bruno', CONV, c));
    const mark = server.receivedBy(ALICE).length;
    const second = makeClient(ALICE, { indexedDB, userId: ALICE });
    second.connect();
    const state = await until(
      second,
      (s) => s.connection.status === 'connected' && s.messages[CONV]?.sent.at(-1)?.seq === 123,
    );
    expect(gapFree(state, CONV)).toBe(true);
    expect(shownSeqs(state, CONV)[0]).toBe(71);
    expect(state.messages[CONV]?.sent.slice(-3).map((m) => m.id)).toEqual(missed.map((m) => m.id));
    const [sync] = sentSince(mark, 'sync');
    expect(sync?.payload).toMatchObject({ cursors: { [CONV]: 120 } });
    expect(sentSince(mark, 'message:history')).toEqual([]);
    // Unread from the server now: Bruno's three new messages.
    expect(state.unread.byConversation[CONV]).toBe(3);
  });

  it('resets a conversation too far behind to its latest page', async () => {
    const indexedDB = new IDBFactory();
    await firstPage(indexedDB);
    for (let i = 0; i < 250; i++) server.sendAs('u-bruno', CONV, `message ${i}`);
    const mark = server.receivedBy(ALICE).length;
    const second = makeClient(ALICE, { indexedDB, userId: ALICE });
    const states: ChatState[] = [];
    second.subscribe(() => states.push(second.getSnapshot()));
    second.connect();
    const state = await until(second, (s) => s.messages[CONV]?.sent.at(-1)?.seq === 370);
    expect(shownSeqs(state, CONV)).toEqual(Array.from({ length: 50 }, (_, i) => 321 + i));
    expect(states.every((s) => gapFree(s, CONV))).toBe(true);
    const history = sentSince(mark, 'message:history').map((e) => e.payload);
    expect(history).toEqual([expect.not.objectContaining({ afterSeq: expect.anything() })]);
  });

  it('drops cached conversations the server no longer lists at the first page', async () => {
    const indexedDB = new IDBFactory();
    await firstPage(indexedDB);
    const storage = await openIndexedDbStorage({ userId: ALICE, indexedDB });
    const chat = (await storage.cache.load()) as CachedChat;
    const gone: Conversation = {
      ...(chat.conversations[0] as Conversation),
      id: 'c-left',
      unreadCount: 4,
    };
    await storage.cache.save({ ...chat, conversations: [...chat.conversations, gone] });
    storage.close();
    const second = makeClient(ALICE, { indexedDB, userId: ALICE });
    second.connect();
    const cached = await until(second, (s) => s.conversations.byId['c-left'] !== undefined);
    expect(cached.unread.total).toBe(server.state.unread(ALICE) + 4);
    expect(cached.unread.totalFromServer).toBe(false);
    await until(second, (s) => s.connection.status === 'connected');
    await second.loadConversations();
    const state = second.getSnapshot();
    expect(state.conversations.order).toEqual(server.state.conversations(ALICE).map((c) => c.id));
    expect(state.unread.byConversation['c-left']).toBeUndefined();
    expect(state.unread.total).toBe(server.state.unread(ALICE));
  });

  it('ignores and clears a cache of another version', async () => {
    const indexedDB = new IDBFactory();
    const storage = await openIndexedDbStorage({ userId: ALICE, indexedDB });
    await storage.cache.save({ version: 2 } as unknown as CachedChat);
    storage.close();
    const errors: unknown[] = [];
    const client = makeClient(ALICE, { indexedDB, userId: ALICE });
    client.on('error', (error) => errors.push(error));
    client.sendMessage(CONV, { content: 'avant connect()' });
    await until(client, (s) => s.storage.durable);
    await vi.waitFor(async () => expect(await cacheOnDisk(indexedDB)).toBeUndefined(), WAIT);
    expect(client.getSnapshot().conversations.order).toEqual([]);
    expect(errors).toHaveLength(1);
    // The client goes on: it connects and saves a fresh cache on destroy.
    await connected(client);
    await client.loadConversations();
    client.destroy();
    await vi.waitFor(
      async () => expect((await cacheOnDisk(indexedDB))?.conversations).toHaveLength(3),
      WAIT,
    );
  });

  it('refuses a token for another user: unauthorized, nothing sent, outbox kept', async () => {
    const indexedDB = new IDBFactory();
    const first = makeClient(ALICE, {
      indexedDB,
      userId: ALICE,
      getToken: flakyToken(ALICE).getToken,
    });
    first.connect();
    const queued = first.sendMessage(CONV, { content: 'pour Alice' });
    await vi.waitFor(
      async () => expect(await outboxOnDisk(indexedDB)).toEqual([queued.clientId]),
      WAIT,
    );
    first.destroy();
    const wrong = makeClient(ALICE, {
      indexedDB,
      userId: ALICE,
      getToken: () => server.tokenFor('u-bruno'),
    });
    wrong.connect();
    const state = await until(wrong, (s) => s.connection.status === 'unauthorized');
    expect(state.connection.lastError).toMatchObject({
      code: 'UNAUTHORIZED',
      message: 'the token is for another user',
    });
    expect(state.user?.userId).toBe(ALICE);
    await until(wrong, (s) => s.messages[CONV]?.pending.length === 1);
    expect(server.received).toEqual([]);
    wrong.destroy();
    expect(await outboxOnDisk(indexedDB)).toEqual([queued.clientId]);
  });

  it('without userId, a later token for another user is refused too', async () => {
    let userId = ALICE;
    const client = makeClient(ALICE, { getToken: () => server.tokenFor(userId) });
    await connected(client);
    userId = 'u-bruno';
    server.disconnectUser(ALICE, { how: 'transport' });
    await until(client, (s) => s.connection.status === 'unauthorized');
    expect(client.getSnapshot().user?.userId).toBe(ALICE);
    expect(server.receivedBy('u-bruno')).toEqual([]);
  });

  it('works on memory storage within the page (not durable)', async () => {
    const client = makeClient(ALICE, { userId: ALICE });
    await connected(client);
    await client.loadConversations();
    client.setActiveConversation(CONV);
    await until(client, (s) => s.messages[CONV]?.loaded === true);
    expect(client.getSnapshot().storage).toEqual({ kind: 'memory', durable: false, loaded: true });
    client.destroy();
  });

  it('validates the userId option', () => {
    expect(() => makeClient(ALICE, { userId: '' })).toThrow(/userId/);
  });
});
