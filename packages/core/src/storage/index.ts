export { createMemoryStorage } from './memory-storage';
export { databaseName, openIndexedDbStorage, STORAGE_VERSION } from './indexeddb-storage';
export { openChatStorage } from './open-storage';
export type { OpenChatStorageOptions } from './open-storage';
export type { CacheStore, CachedChat, ChatStorage, OutboxEntry, OutboxStore } from './types';
