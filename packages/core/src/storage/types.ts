import type { ChatErrorCode } from '../errors';
import type { Conversation, ImageAttachment, Message } from '@causette/protocol';

/** One unsent message, as the outbox keeps it until the server acknowledges it. */
export interface OutboxEntry {
  /** Key: the idempotency key the message is sent under, on every retry and after a reload. */
  clientId: string;
  conversationId: string;
  senderId: string;
  type: 'TEXT' | 'IMAGE';
  content: string;
  /** ISO 8601, client clock. */
  createdAt: string;
  /** Strictly increasing per storage: the flush order. */
  createdSeq: number;
  /** The image to upload (IndexedDB stores Blobs), until `attachment` is set. */
  image?: Blob;
  /** The uploaded image, saved so that an upload is never redone after a reload. */
  attachment?: ImageAttachment;
  /** `failed` waits for `retryMessage`; `pending` is sent at the next flush. */
  state: 'pending' | 'failed';
  /** The permanent error it failed with. */
  error?: { code: ChatErrorCode; message: string };
}

/** The persisted outbox of one user. */
export interface OutboxStore {
  /** Inserts or replaces the entry with the same `clientId`. */
  put(entry: OutboxEntry): Promise<void>;
  /**
   * Inserts a new entry after every stored one: in the same transaction, its `createdSeq` is
   * raised above the highest stored (another page's, whatever its clock said). Resolves the entry
   * as stored.
   */
  append(entry: OutboxEntry): Promise<OutboxEntry>;
  get(clientId: string): Promise<OutboxEntry | undefined>;
  /** Deleting an absent entry is not an error. */
  delete(clientId: string): Promise<void>;
  /** Every entry, by `createdSeq`. */
  list(): Promise<OutboxEntry[]>;
}

/**
 * The last state the server gave, kept so that a reload renders at once (offline too) before it
 * reconciles. Only server data: no pending message (the outbox has them), no typing or presence.
 */
export interface CachedChat {
  /** Format version; a cache of another version is ignored. */
  version: 1;
  /** ISO 8601, client clock. */
  savedAt: string;
  /** The conversation list, newest first, with the unread counts last known. */
  conversations: Conversation[];
  /** Whether the server had more conversations than these. */
  hasMore: boolean;
  /** Per conversation with a loaded window: its latest consecutive sent messages, by seq. */
  messages: Record<string, Message[]>;
}

/** The persisted cache of one user: one {@link CachedChat}, replaced whole. */
export interface CacheStore {
  load(): Promise<CachedChat | undefined>;
  save(chat: CachedChat): Promise<void>;
  clear(): Promise<void>;
}

/**
 * Where the client keeps what must survive a reload: the outbox and the cache, object stores of
 * one per-user database.
 */
export interface ChatStorage {
  readonly kind: 'indexeddb' | 'memory';
  /** `false` when unsent messages would be lost on reload (memory fallback). */
  readonly durable: boolean;
  readonly outbox: OutboxStore;
  readonly cache: CacheStore;
  /** Closes the database connection; further calls reject. Idempotent. */
  close(): void;
}
