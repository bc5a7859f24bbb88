/// <reference lib="dom" />
// A reload in real Chromium: messages queued while the server is unreachable wait in the page's
// IndexedDB, and the next client of the same user (same page, same database) sends them once, in
// order, under the clientIds they were given.
import type { ChatClient } from '@causette/core';
import { afterEach, describe, expect, it, inject, vi } from 'vitest';
import {
  ADVERTISER,
  OWNER,
  connected,
  destroyClients,
  makeClient,
  pendingOf,
  shown,
  storedMessages,
  until,
} from './browser-test-helpers';

afterEach(destroyClients);

/** The clientIds in the advertiser's outbox, read straight from the page's IndexedDB. */
async function outboxOnDisk(): Promise<string[]> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(`causette:${ADVERTISER}`);
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

/** A new conversation of the two users, opened by the owner (the advertiser is offline). */
async function conversation(): Promise<string> {
  const owner = makeClient(OWNER);
  await connected(owner);
  const opened = await owner.openConversation({
    participantIds: [ADVERTISER],
    subject: { type: 'test', id: `browser-${crypto.randomUUID()}` },
  });
  return opened.id;
}

/** The advertiser's page while the chat server cannot be reached (nothing listens on its port). */
async function offlinePage(): Promise<ChatClient> {
  const page = makeClient(ADVERTISER, { url: inject('unreachableServerUrl') });
  page.connect();
  await until(page, (s) => s.user !== null && s.storage.durable);
  expect(page.getSnapshot().storage.kind).toBe('indexeddb');
  expect(page.getSnapshot().connection.status).not.toBe('connected');
  return page;
}

/** The reloaded page, on the real server: resolves once its outbox is empty. */
async function reloadedPage(id: string, count: number) {
  const page = makeClient(ADVERTISER);
  await connected(page);
  await page.loadOlderMessages(id);
  return until(page, (s) => pendingOf(s, id).length === 0 && shown(s, id).length === count);
}

describe('a reload with unsent messages, in Chromium', () => {
  it('sends what the previous page queued offline, once, in order, under the same clientIds', async () => {
    const id = await conversation();
    const first = await offlinePage();
    const queued = ['un', 'deux', 'trois'].map((content) => first.sendMessage(id, { content }));
    const clientIds = queued.map((m) => m.clientId);
    await vi.waitFor(async () =>
      expect((await outboxOnDisk()).sort()).toEqual([...clientIds].sort()),
    );
    first.destroy();

    const state = await reloadedPage(id, 3);
    expect(shown(state, id).map((m) => [m.clientId, m.content, m.seq])).toEqual([
      [clientIds[0], 'un', 1],
      [clientIds[1], 'deux', 2],
      [clientIds[2], 'trois', 3],
    ]);
    const stored = await storedMessages(OWNER, id);
    expect(stored.map((m) => [m.clientId, m.senderId])).toEqual(
      clientIds.map((clientId) => [clientId, ADVERTISER]),
    );
    await vi.waitFor(async () => expect(await outboxOnDisk()).toEqual([]));
  });

  it('keeps messages queued right before destroy(), as a page torn down at once would', async () => {
    const id = await conversation();
    const first = await offlinePage();
    const queued = ['vite', 'très vite'].map((content) => first.sendMessage(id, { content }));
    first.destroy();

    const state = await reloadedPage(id, 2);
    expect(shown(state, id).map((m) => m.clientId)).toEqual(queued.map((m) => m.clientId));
    const stored = await storedMessages(OWNER, id);
    expect(stored.map((m) => m.clientId)).toEqual(queued.map((m) => m.clientId));
  });
});
