import { ChatError } from '../errors';
import type { CachedChat, ChatStorage, OutboxEntry } from './types';

// Plain IndexedDB rather than a wrapper library: wrappers test `instanceof IDBRequest` and the like
// on globals, so an injected factory (Node tests and bots) would fail where no such globals exist.

/** Schema version of the per-user database; bump it and add a step to `upgrade` to grow it. */
export const STORAGE_VERSION = 2;

/** Name of a user's database: one per user, so accounts on one browser never mix. */
export function databaseName(userId: string): string {
  return `causette:${userId}`;
}

const OUTBOX = 'outbox';
const CACHE = 'cache';
/** The cache store holds one record, under this key. */
const CACHE_KEY = 'chat';

/** Runs one request in its own transaction; resolves its result once the transaction commits. */
function run<T>(
  db: IDBDatabase,
  name: string,
  mode: IDBTransactionMode,
  makeRequest: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const transaction = db.transaction(name, mode);
    const request = makeRequest(transaction.objectStore(name));
    transaction.oncomplete = () => resolve(request.result);
    transaction.onerror = () => reject(transaction.error ?? request.error);
    transaction.onabort = () => reject(transaction.error ?? new Error('transaction aborted'));
  });
}

/**
 * Opens (creating or upgrading) a user's IndexedDB database. Rejects when IndexedDB refuses
 * (private modes, quota, a blocked upgrade).
 */
export async function openIndexedDbStorage(options: {
  userId: string;
  indexedDB: IDBFactory;
}): Promise<ChatStorage> {
  const request = options.indexedDB.open(databaseName(options.userId), STORAGE_VERSION);
  request.onupgradeneeded = (event) => upgrade(request.result, event.oldVersion);
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  // Let a newer version of the app (another tab) upgrade the database.
  db.onversionchange = () => db.close();
  let closed = false;
  const live = <T>(
    name: string,
    mode: IDBTransactionMode,
    makeRequest: (store: IDBObjectStore) => IDBRequest<T>,
  ) => {
    if (closed) throw new ChatError('DESTROYED', 'storage is closed');
    return run(db, name, mode, makeRequest);
  };
  return {
    kind: 'indexeddb',
    durable: true,
    outbox: {
      async put(entry) {
        await live(OUTBOX, 'readwrite', (store) => store.put(entry));
      },
      async append(entry) {
        let appended = entry;
        // The highest stored createdSeq, then the put, in one transaction: no other page's write
        // can come between them.
        await live(OUTBOX, 'readwrite', (store) => {
          const last = store.index('by-created').openCursor(null, 'prev');
          last.onsuccess = () => {
            const highest = (last.result?.value as OutboxEntry | undefined)?.createdSeq ?? 0;
            appended = { ...entry, createdSeq: Math.max(entry.createdSeq, highest + 1) };
            store.put(appended);
          };
          return last;
        });
        return appended;
      },
      async get(clientId) {
        return live(OUTBOX, 'readonly', (store) => store.get(clientId) as IDBRequest<OutboxEntry>);
      },
      async delete(clientId) {
        await live(OUTBOX, 'readwrite', (store) => store.delete(clientId));
      },
      async list() {
        return live(
          OUTBOX,
          'readonly',
          (store) => store.index('by-created').getAll() as IDBRequest<OutboxEntry[]>,
        );
      },
    },
    cache: {
      async load() {
        return live(CACHE, 'readonly', (store) => store.get(CACHE_KEY) as IDBRequest<CachedChat>);
      },
      async save(chat) {
        await live(CACHE, 'readwrite', (store) => store.put(chat, CACHE_KEY));
      },
      async clear() {
        await live(CACHE, 'readwrite', (store) => store.delete(CACHE_KEY));
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
    const outbox = database.createObjectStore(OUTBOX, { keyPath: 'clientId' });
    outbox.createIndex('by-conversation', ['conversationId', 'createdSeq']);
    outbox.createIndex('by-created', 'createdSeq');
  }
  if (oldVersion < 2) database.createObjectStore(CACHE);
}
