import { type DBSchema, type IDBPDatabase, wrap } from 'idb';
import { ChatError } from '../errors';
import type { ChatStorage, OutboxEntry } from './types';

/** Schema version of the per-user database; bump it and add a step to `upgrade` to grow it. */
export const STORAGE_VERSION = 1;

/** Name of a user's database: one per user, so accounts on one browser never mix. */
export function databaseName(userId: string): string {
  return `causette:${userId}`;
}

interface CausetteDB extends DBSchema {
  outbox: {
    key: string;
    value: OutboxEntry;
    indexes: { 'by-conversation': [string, number]; 'by-created': number };
  };
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
  request.addEventListener('upgradeneeded', (event) => upgrade(request.result, event.oldVersion));
  const db = (await wrap(request)) as unknown as IDBPDatabase<CausetteDB>;
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
}
