import { createMemoryStorage } from './memory-storage';
import { openIndexedDbStorage } from './indexeddb-storage';
import type { ChatStorage } from './types';

/** Options of {@link openChatStorage}. */
export interface OpenChatStorageOptions {
  /** `indexeddb` (default) falls back to memory when IndexedDB is missing or refuses to open. */
  preference?: 'indexeddb' | 'memory';
  /** Whose data: one database per user. */
  userId: string;
  /** The IndexedDB factory; defaults to the global `indexedDB` when there is one. */
  indexedDB?: IDBFactory;
  /** Give up on IndexedDB (and use memory) when opening takes longer, e.g. blocked by a tab. */
  timeoutMs?: number;
  /** Told why IndexedDB could not be used. */
  onFallback?: (error: unknown) => void;
}

/**
 * Opens the storage of a user: IndexedDB when asked and possible, else memory
 * (`durable: false`, which the state reports). Never rejects for lack of IndexedDB.
 */
export async function openChatStorage(options: OpenChatStorageOptions): Promise<ChatStorage> {
  if (!options || typeof options.userId !== 'string' || options.userId === '') {
    throw new TypeError('openChatStorage needs a non-empty userId');
  }
  if (options.preference === 'memory') return createMemoryStorage();
  const factory = options.indexedDB ?? (typeof indexedDB === 'undefined' ? undefined : indexedDB);
  if (!factory) return createMemoryStorage();
  const opening = openIndexedDbStorage({ userId: options.userId, indexedDB: factory });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error('IndexedDB took too long to open')),
      options.timeoutMs ?? 5000,
    );
  });
  try {
    return await Promise.race([opening, timeout]);
  } catch (error) {
    // A late success must not leave a connection open behind the memory fallback.
    opening.then((storage) => storage.close()).catch(() => undefined);
    options.onFallback?.(error);
    return createMemoryStorage();
  } finally {
    clearTimeout(timer);
  }
}
