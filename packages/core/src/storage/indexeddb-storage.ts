import { type DBSchema, type IDBPDatabase, wrap } from 'idb';
import { ChatError } from '../errors';
import type { CachedChat, ChatStorage, OutboxEntry } from './types';

/** Schema version of the per-user database; bump it and add a step to `upgrade` to grow it. */
export const STORAGE_VERSION = 2;

/** Name of a user's database: one per user, so accounts on one browser never mix. */
export function databaseName(userId: string): string {
  return `causette:${userId}`;
}

/** The cache store holds one record, under this key. */
const CACHE_KEY = 'chat';

interface ChatDatabase extends DBSchema {
  outbox: {
    key: string;
    value: OutboxEntry;
    indexes: { 'by-conversation': [string, number]; 'by-created': number };
  };
  cache: { key: string; value: CachedChat };
}

/**
 * idb wraps the IDBRequest and IDBDatabase of the factory it is given, and recognises them by the
 * environment's IndexedDB classes: without those globals (Node) it cannot work.
 */
function checkGlobals(): void {
  if (typeof IDBRequest === 'undefined' || typeof IDBDatabase === 'undefined') {
    throw new TypeError(
      'IndexedDB classes (IDBRequest, IDBDatabase...) are missing from this environment: in Node, import "fake-indexeddb/auto" first, or use storage: "memory"',
    );
  }
}

/**
 * Opens (creating or upgrading) a user's IndexedDB database with `indexedDB`, the global factory
 * or another of the same implementation (tests give each simulated browser its own). Rejects when
 * IndexedDB refuses (private modes, quota, a blocked upgrade).
 */
export async function openIndexedDbStorage(options: {
  userId: string;
  indexedDB: IDBFactory;
}): Promise<ChatStorage> {
  checkGlobals();
  const request = options.indexedDB.open(databaseName(options.userId), STORAGE_VERSION);
  request.onupgradeneeded = (event) => upgrade(request.result, event.oldVersion);
  const db = (await wrap(request)) as IDBPDatabase<ChatDatabase>;
  // Let a newer version of the app (another tab) upgrade the database.
  db.addEventListener('versionchange', () => db.close());
  let closed = false;
  const live = () => {
    if (closed) throw new ChatError('DESTROYED', 'storage is closed');
    return db;
  };
  return {
    kind: 'indexeddb',
    durable: true,
    outbox: {
      async put(entry) {
        await live().put('outbox', entry);
      },
      async append(entry) {
        // The highest stored createdSeq, then the put, in one transaction: no other page's write
        // can come between them.
        const transaction = live().transaction('outbox', 'readwrite');
        const last = await transaction.store.index('by-created').openCursor(null, 'prev');
        const highest = last?.value.createdSeq ?? 0;
        const appended = { ...entry, createdSeq: Math.max(entry.createdSeq, highest + 1) };
        await Promise.all([transaction.store.put(appended), transaction.done]);
        return appended;
      },
      async get(clientId) {
        return live().get('outbox', clientId);
      },
      async delete(clientId) {
        await live().delete('outbox', clientId);
      },
      async list() {
        return live().getAllFromIndex('outbox', 'by-created');
      },
    },
    cache: {
      async load() {
        return live().get('cache', CACHE_KEY);
      },
      async save(chat) {
        await live().put('cache', chat, CACHE_KEY);
      },
      async clear() {
        await live().delete('cache', CACHE_KEY);
      },
    },
    close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}

/** One step per version, so a database at any older version reaches the current one. */
function upgrade(database: IDBDatabase, oldVersion: number): void {
  if (oldVersion < 1) {
    const outbox = database.createObjectStore('outbox', { keyPath: 'clientId' });
    outbox.createIndex('by-conversation', ['conversationId', 'createdSeq']);
    outbox.createIndex('by-created', 'createdSeq');
  }
  if (oldVersion < 2) database.createObjectStore('cache');
}
