import { ChatError } from '../errors';
import type { CachedChat, ChatStorage, OutboxEntry } from './types';

/** A storage that lives as long as the page: used without IndexedDB (Node, SSR, private modes). */
export function createMemoryStorage(): ChatStorage {
  const entries = new Map<string, OutboxEntry>();
  // Saved whole and never mutated by the client, so kept as is.
  let cached: CachedChat | undefined;
  let closed = false;
  const open = () => {
    if (closed) throw new ChatError('DESTROYED', 'storage is closed');
  };
  return {
    kind: 'memory',
    durable: false,
    outbox: {
      async put(entry) {
        open();
        entries.set(entry.clientId, { ...entry });
      },
      async append(entry) {
        open();
        let last = 0;
        for (const stored of entries.values()) last = Math.max(last, stored.createdSeq);
        const appended = { ...entry, createdSeq: Math.max(entry.createdSeq, last + 1) };
        entries.set(entry.clientId, appended);
        return { ...appended };
      },
      async get(clientId) {
        open();
        const entry = entries.get(clientId);
        return entry && { ...entry };
      },
      async delete(clientId) {
        open();
        entries.delete(clientId);
      },
      async list() {
        open();
        return [...entries.values()]
          .sort((a, b) => a.createdSeq - b.createdSeq)
          .map((entry) => ({ ...entry }));
      },
    },
    cache: {
      async load() {
        open();
        return cached;
      },
      async save(chat) {
        open();
        cached = chat;
      },
      async clear() {
        open();
        cached = undefined;
      },
    },
    close() {
      closed = true;
    },
  };
}
