import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { createMemoryStorage } from './memory-storage';
import { STORAGE_VERSION, databaseName, openIndexedDbStorage } from './indexeddb-storage';
import { openChatStorage } from './open-storage';
import type { CachedChat, ChatStorage, OutboxEntry } from './types';

function entry(
  clientId: string,
  createdSeq: number,
  extra: Partial<OutboxEntry> = {},
): OutboxEntry {
  return {
    clientId,
    conversationId: 'c1',
    senderId: 'me',
    type: 'TEXT',
    content: `text ${clientId}`,
    createdAt: '2025-01-01T00:00:00.000Z',
    createdSeq,
    state: 'pending',
    ...extra,
  };
}

const kinds: [string, () => Promise<ChatStorage>][] = [
  ['memory', async () => createMemoryStorage()],
  ['indexeddb', () => openIndexedDbStorage({ userId: 'u1', indexedDB: new IDBFactory() })],
];

describe.each(kinds)('%s outbox store', (_kind, open) => {
  it('puts, gets, lists by creation and deletes', async () => {
    const storage = await open();
    await storage.outbox.put(entry('b', 2));
    await storage.outbox.put(entry('a', 1, { conversationId: 'c2' }));
    await storage.outbox.put(entry('c', 3));
    expect((await storage.outbox.list()).map((e) => e.clientId)).toEqual(['a', 'b', 'c']);
    await storage.outbox.put(
      entry('b', 2, { state: 'failed', error: { code: 'INVALID', message: 'no' } }),
    );
    expect(await storage.outbox.get('b')).toMatchObject({
      state: 'failed',
      error: { code: 'INVALID' },
    });
    await storage.outbox.delete('b');
    await storage.outbox.delete('absent');
    expect(await storage.outbox.get('b')).toBeUndefined();
    expect((await storage.outbox.list()).map((e) => e.clientId)).toEqual(['a', 'c']);
    storage.close();
    storage.close();
    await expect(storage.outbox.list()).rejects.toMatchObject({ code: 'DESTROYED' });
  });

  it('appends after every stored entry, whatever number the new one came with', async () => {
    const storage = await open();
    expect(await storage.outbox.append(entry('first', 5))).toMatchObject({ createdSeq: 5 });
    await storage.outbox.put(entry('ahead', 100, { conversationId: 'c2' }));
    // Numbered by a clock behind the stored entries: raised above them, in the same transaction.
    const [x, y] = await Promise.all([
      storage.outbox.append(entry('x', 7)),
      storage.outbox.append(entry('y', 8)),
    ]);
    expect([x?.createdSeq, y?.createdSeq]).toEqual([101, 102]);
    expect(await storage.outbox.append(entry('later', 500))).toMatchObject({ createdSeq: 500 });
    expect((await storage.outbox.list()).map((e) => [e.clientId, e.createdSeq])).toEqual([
      ['first', 5],
      ['ahead', 100],
      ['x', 101],
      ['y', 102],
      ['later', 500],
    ]);
    storage.close();
    await expect(storage.outbox.append(entry('z', 1))).rejects.toMatchObject({
      code: 'DESTROYED',
    });
  });

  it('keeps an image Blob', async () => {
    const storage = await open();
    const image = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' });
    await storage.outbox.put(entry('img', 1, { type: 'IMAGE', image }));
    const back = await storage.outbox.get('img');
    expect(back?.image).toBeInstanceOf(Blob);
    expect(new Uint8Array(await (back?.image as Blob).arrayBuffer())).toEqual(
      new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
    );
    storage.close();
  });
});

describe.each(kinds)('%s cache store', (_kind, open) => {
  it('saves, loads (replacing the previous save) and clears one cached chat', async () => {
    const storage = await open();
    expect(await storage.cache.load()).toBeUndefined();
    const chat: CachedChat = {
      version: 1,
      savedAt: '2025-01-01T00:00:00.000Z',
      conversations: [],
      hasMore: false,
      messages: { c1: [] },
    };
    await storage.cache.save(chat);
    await storage.cache.save({ ...chat, hasMore: true });
    expect(await storage.cache.load()).toEqual({ ...chat, hasMore: true });
    await storage.cache.clear();
    await storage.cache.clear();
    expect(await storage.cache.load()).toBeUndefined();
    storage.close();
    await expect(storage.cache.load()).rejects.toMatchObject({ code: 'DESTROYED' });
  });
});

describe('IndexedDB storage', () => {
  it('upgrades a version 1 database and keeps its outbox', async () => {
    const factory = new IDBFactory();
    // Version 1 as released: the outbox only.
    const v1 = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(databaseName('old'), 1);
      request.onupgradeneeded = () => {
        const outbox = request.result.createObjectStore('outbox', { keyPath: 'clientId' });
        outbox.createIndex('by-conversation', ['conversationId', 'createdSeq']);
        outbox.createIndex('by-created', 'createdSeq');
        outbox.put(entry('kept', 1));
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    v1.close();
    const storage = await openIndexedDbStorage({ userId: 'old', indexedDB: factory });
    expect((await storage.outbox.list()).map((e) => e.clientId)).toEqual(['kept']);
    expect(await storage.cache.load()).toBeUndefined();
    await storage.outbox.put(entry('new', 2));
    expect((await storage.outbox.list()).map((e) => e.clientId)).toEqual(['kept', 'new']);
    storage.close();
    const [info] = await factory.databases();
    expect(info).toEqual({ name: 'causette:old', version: STORAGE_VERSION });
    expect(STORAGE_VERSION).toBe(2);
  });

  it('survives a reopen on the same factory, one database per user', async () => {
    const factory = new IDBFactory();
    const first = await openIndexedDbStorage({ userId: 'alice', indexedDB: factory });
    await first.outbox.put(entry('x', 1));
    first.close();
    const second = await openIndexedDbStorage({ userId: 'alice', indexedDB: factory });
    expect(await second.outbox.get('x')).toMatchObject({ clientId: 'x' });
    const other = await openIndexedDbStorage({ userId: 'bob', indexedDB: factory });
    expect(await other.outbox.list()).toEqual([]);
    expect(databaseName('alice')).toBe('causette:alice');
    const names = (await factory.databases()).map((d) => d.name).sort();
    expect(names).toEqual(['causette:alice', 'causette:bob']);
    second.close();
    other.close();
  });
  it('says how to get the IndexedDB classes where the environment has none (Node)', async () => {
    vi.stubGlobal('IDBRequest', undefined);
    try {
      await expect(
        openIndexedDbStorage({ userId: 'node', indexedDB: new IDBFactory() }),
      ).rejects.toThrow(/import "fake-indexeddb\/auto"/);
      const onFallback = vi.fn();
      const storage = await openChatStorage({
        userId: 'node',
        indexedDB: new IDBFactory(),
        onFallback,
      });
      expect(storage).toMatchObject({ kind: 'memory', durable: false });
      expect(onFallback).toHaveBeenCalledWith(expect.objectContaining({ name: 'TypeError' }));
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('openChatStorage', () => {
  it('opens IndexedDB when present and durable', async () => {
    const storage = await openChatStorage({ userId: 'u', indexedDB: new IDBFactory() });
    expect(storage).toMatchObject({ kind: 'indexeddb', durable: true });
    storage.close();
  });

  it('uses memory when asked, or when IndexedDB is missing or fails', async () => {
    expect(await openChatStorage({ userId: 'u', preference: 'memory' })).toMatchObject({
      kind: 'memory',
      durable: false,
    });
    const broken = {
      open: () => {
        throw new DOMException('private mode', 'InvalidStateError');
      },
    } as unknown as IDBFactory;
    const onFallback = vi.fn();
    expect(await openChatStorage({ userId: 'u', indexedDB: broken, onFallback })).toMatchObject({
      kind: 'memory',
    });
    expect(onFallback).toHaveBeenCalledOnce();
    vi.stubGlobal('indexedDB', undefined);
    try {
      expect((await openChatStorage({ userId: 'u' })).kind).toBe('memory');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('falls back to memory when opening hangs, and closes the late connection', async () => {
    const factory = new IDBFactory();
    // A connection that ignores versionchange blocks any upgrade of its database.
    const blocker = await new Promise<IDBDatabase>((resolve) => {
      const request = factory.open('causette:slow', 1);
      request.onsuccess = () => resolve(request.result);
    });
    const upgrading = {
      open: (name: string) => factory.open(name, 2),
    } as unknown as IDBFactory;
    const storage = await openChatStorage({ userId: 'slow', indexedDB: upgrading, timeoutMs: 0 });
    expect(storage.kind).toBe('memory');
    blocker.close();
    // The late connection is closed, so a further upgrade is not blocked.
    await new Promise<void>((resolve, reject) => {
      const request = factory.open('causette:slow', 3);
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
      request.onerror = () => reject(request.error);
    });
  });

  it('rejects a missing userId clearly', async () => {
    await expect(openChatStorage({ userId: '' })).rejects.toThrow(/userId/);
  });
});
