// @causette/core's outbox across a reload, against the real server: messages written while the
// server is unreachable survive the page (a new client on the same IndexedDB) and are sent once,
// under the clientIds they were given.
import type { ChatClient } from '@causette/core';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import {
  ALICE,
  BOB,
  connected,
  makeClient,
  openConversation,
  pendingOf,
  shown,
  storedMessages,
  uniqueSubject,
  until,
  useChatServer,
} from './sdk-test-helpers';
import { eventAckId } from './ws-relay';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 120_000 });

const chat = useChatServer({ relay: true });

/** The clientIds in Alice's IndexedDB outbox, read straight from the database. */
async function outboxOnDisk(factory: IDBFactory): Promise<string[]> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = factory.open(`causette:${ALICE}`);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  try {
    if (!db.objectStoreNames.contains('outbox')) return [];
    return await new Promise<string[]>((resolve, reject) => {
      const request = db.transaction('outbox').objectStore('outbox').getAllKeys();
      request.onsuccess = () => resolve(request.result.map(String));
      request.onerror = () => reject(request.error);
    });
  } finally {
    db.close();
  }
}

/** A conversation of Alice and Bob, opened by Bob (Alice's own client cannot reach the server). */
async function conversation(): Promise<string> {
  const bob = makeClient(chat.server.url, BOB);
  await connected(bob);
  return openConversation(bob, [ALICE], uniqueSubject());
}

/** Alice's page, offline: it knows its user and storage but cannot reach the server. */
async function offlinePage(factory: IDBFactory): Promise<ChatClient> {
  chat.relay.block(true);
  chat.relay.cut();
  const alice = makeClient(chat.relay.url, ALICE, { indexedDB: factory });
  alice.connect();
  await until(alice, (s) => s.user !== null && s.storage.durable);
  expect(alice.getSnapshot().connection.status).not.toBe('connected');
  return alice;
}

/** The reloaded page: same storage, server reachable; resolves once its outbox is empty. */
async function reloadedPage(factory: IDBFactory, id: string, count: number) {
  chat.relay.block(false);
  const alice = makeClient(chat.relay.url, ALICE, { indexedDB: factory });
  await connected(alice);
  await alice.loadOlderMessages(id);
  return until(alice, (s) => pendingOf(s, id).length === 0 && shown(s, id).length === count);
}

describe('a reload with unsent messages', () => {
  it('sends what the previous page queued offline, once, under the same clientIds', async () => {
    const id = await conversation();
    const factory = new IDBFactory();
    const first = await offlinePage(factory);
    const queued = ['un', 'deux', 'trois'].map((content) => first.sendMessage(id, { content }));
    const clientIds = queued.map((m) => m.clientId);
    await vi.waitFor(async () =>
      expect((await outboxOnDisk(factory)).sort()).toEqual([...clientIds].sort()),
    );
    first.destroy();

    const state = await reloadedPage(factory, id, 3);
    expect(shown(state, id).map((m) => [m.clientId, m.content, m.status])).toEqual([
      [clientIds[0], 'un', 'sent'],
      [clientIds[1], 'deux', 'sent'],
      [clientIds[2], 'trois', 'sent'],
    ]);
    const stored = await storedMessages(chat.server.url, BOB, id);
    expect(stored.map((m) => m.clientId)).toEqual(clientIds);
    await vi.waitFor(async () => expect(await outboxOnDisk(factory)).toEqual([]));
  });

  it('keeps messages queued right before destroy(), as a page torn down at once would', async () => {
    const id = await conversation();
    const factory = new IDBFactory();
    const first = await offlinePage(factory);
    const queued = ['vite', 'très vite'].map((content) => first.sendMessage(id, { content }));
    first.destroy();

    const state = await reloadedPage(factory, id, 2);
    expect(shown(state, id).map((m) => m.clientId)).toEqual(queued.map((m) => m.clientId));
    const stored = await storedMessages(chat.server.url, BOB, id);
    expect(stored.map((m) => m.clientId)).toEqual(queued.map((m) => m.clientId));
  });

  it('does not send twice what a page sent just before it was reloaded', async () => {
    const id = await conversation();
    const factory = new IDBFactory();
    const first = makeClient(chat.relay.url, ALICE, { indexedDB: factory });
    await connected(first);
    await first.loadOlderMessages(id);
    let onTheWire = false;
    chat.relay.rules = {
      fromClient: (packet) => {
        onTheWire ||= eventAckId(packet, 'message:send') !== undefined;
        return 'forward';
      },
    };
    const sent = first.sendMessage(id, { content: 'déjà parti' });
    // Reloaded while the send is in flight: the new page may resend; the server keeps one.
    await vi.waitFor(() => expect(onTheWire).toBe(true));
    first.destroy();

    const state = await reloadedPage(factory, id, 1);
    expect(shown(state, id)[0]?.clientId).toBe(sent.clientId);
    const stored = await storedMessages(chat.server.url, BOB, id);
    expect(stored.map((m) => m.clientId)).toEqual([sent.clientId]);
  });
});
