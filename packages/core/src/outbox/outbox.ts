import type { ImageAttachment, Message, SendMessageRequest } from '@causette/protocol';
import { backoffDelay } from '../backoff';
import { ChatError } from '../errors';
import type { PendingMessage, PendingStatus } from '../messages/types';
import type { ChatStorage, OutboxEntry } from '../storage/types';
import { newClientId } from './client-id';
import { toChatError } from './to-chat-error';

/** What the outbox needs from its surroundings. */
export interface OutboxOptions {
  /** Where entries are kept; a promise while the storage opens (nothing is sent before). */
  storage: ChatStorage | Promise<ChatStorage>;
  /** Sends `message:send` and resolves the stored message (the ack's `message`). */
  send: (request: SendMessageRequest) => Promise<Message>;
  /** Whether requests can go out now; when not, work waits for the next {@link Outbox.flush}. */
  isConnected: () => boolean;
  /** Uploads an image; required for image messages. */
  upload?: (
    image: Blob,
    options: { signal: AbortSignal; onProgress: (p: { loaded: number; total: number }) => void },
  ) => Promise<ImageAttachment>;
  /** The pending messages of a conversation changed (creation order). */
  onChange: (conversationId: string, pending: readonly PendingMessage[]) => void;
  /** The server stored a message of the outbox (the ack). */
  onSent: (message: Message) => void;
  /** A message failed for good, or storage misbehaved. */
  onError?: (error: ChatError, clientId: string) => void;
  random?: () => number;
  now?: () => number;
  newClientId?: () => string;
}

/** A message to queue. */
export interface OutboxInput {
  conversationId: string;
  senderId: string;
  type: 'TEXT' | 'IMAGE';
  content: string;
  image?: Blob;
}

interface Item {
  entry: OutboxEntry;
  status: PendingStatus;
  /** Resolves once the entry is in storage: nothing is emitted before. */
  saved: Promise<void>;
  upload?: { loaded: number; total: number };
  abort?: AbortController;
  view?: PendingMessage;
}

/**
 * The outbox: every message is stored before it is emitted, then sent in creation order per
 * conversation (one in flight per conversation, conversations in parallel) under the same
 * `clientId` on every try, so the server's idempotency turns any resend into a no-op.
 */
export class Outbox {
  readonly #o: OutboxOptions;
  readonly #items = new Map<string, Item>();
  readonly #running = new Set<string>();
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #attempts = new Map<string, number>();
  /** Storage writes of `add()` still under way: closing the storage must wait for them. */
  readonly #writes = new Set<Promise<void>>();
  #lastSeq = 0;
  #session = 0;
  #disposed = false;
  /** The read of a previous page's entries, while under way: nothing is sent meanwhile. */
  #loading: Promise<void> | undefined;
  /** Conversations whose sending waits for that read. */
  readonly #deferred = new Set<string>();
  /** Entries being deleted from storage: a read must not bring them back. */
  readonly #deleting = new Set<string>();

  readonly #storage: Promise<ChatStorage>;

  constructor(options: OutboxOptions) {
    this.#o = options;
    this.#storage = Promise.resolve(options.storage);
    // Failures surface on each use; this copy must not be reported as unhandled.
    this.#storage.catch(() => undefined);
  }

  async #store() {
    return (await this.#storage).outbox;
  }

  /**
   * Reads the stored entries it does not hold yet (a previous page's unsent messages, or another
   * tab's) and shows them as pending. Nothing is sent until it is done: a page that sends at once
   * must not pass its predecessor's queue. Safe to call again: each read adopts only what is new.
   */
  load(): Promise<void> {
    this.#loading ??= this.#readStored().finally(() => {
      this.#loading = undefined;
      for (const conversationId of this.#conversations()) this.#emit(conversationId);
      for (const conversationId of [...this.#deferred]) this.#drain(conversationId);
      this.#deferred.clear();
    });
    return this.#loading;
  }

  async #readStored(): Promise<void> {
    const known = new Set(this.#items.keys());
    const entries = await (await this.#store()).list();
    const queuedMeanwhile = [...this.#items.values()].filter((i) => !known.has(i.entry.clientId));
    let highest = 0;
    for (const entry of entries) {
      if (this.#items.has(entry.clientId) || this.#deleting.has(entry.clientId)) continue;
      highest = Math.max(highest, entry.createdSeq);
      const status = entry.state === 'failed' ? 'failed' : 'pending';
      this.#items.set(entry.clientId, { entry, status, saved: Promise.resolve() });
    }
    // Number what was queued meanwhile as storage's append does, so it shows after these at once.
    for (const item of queuedMeanwhile) {
      highest = Math.max(item.entry.createdSeq, highest + 1);
      item.entry = { ...item.entry, createdSeq: highest };
    }
    this.#lastSeq = Math.max(this.#lastSeq, highest);
  }

  /** Queues a message; returns its pending view at once (the storage write runs before any send). */
  add(input: OutboxInput): PendingMessage {
    this.#alive();
    const now = (this.#o.now ?? Date.now)();
    this.#lastSeq = Math.max(now, this.#lastSeq + 1);
    const entry: OutboxEntry = {
      clientId: (this.#o.newClientId ?? newClientId)(),
      conversationId: input.conversationId,
      senderId: input.senderId,
      type: input.type,
      content: input.content,
      createdAt: new Date(now).toISOString(),
      createdSeq: this.#lastSeq,
      state: 'pending',
      ...(input.image ? { image: input.image } : {}),
    };
    const item: Item = { entry, status: 'pending', saved: Promise.resolve() };
    // Storage numbers it after every stored entry, which a previous page (its clock ahead, or a
    // burst) may have numbered above this page's clock.
    const saved = this.#store()
      .then((store) => store.append(entry))
      .then((stored) => {
        if (stored.createdSeq === item.entry.createdSeq) return;
        this.#lastSeq = Math.max(this.#lastSeq, stored.createdSeq);
        item.entry = { ...item.entry, createdSeq: stored.createdSeq };
        this.#emit(entry.conversationId);
      })
      .catch((error: unknown) => {
        // Better sent without a safety net than not sent: the message still goes out now.
        this.#o.onError?.(toChatError(error), entry.clientId);
      });
    item.saved = saved;
    this.#writes.add(saved);
    void saved.then(() => this.#writes.delete(saved));
    this.#items.set(entry.clientId, item);
    const view = this.#view(item);
    this.#emit(entry.conversationId);
    this.#drain(entry.conversationId);
    return view;
  }

  /** A new session began: send everything pending now, in order, cancelling backoff waits. */
  flush(): void {
    if (this.#disposed) return;
    this.#session++;
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    for (const conversationId of this.#conversations()) this.#drain(conversationId);
  }

  /** Re-queues a failed message under its `clientId`. */
  async retry(clientId: string): Promise<void> {
    this.#alive();
    const item = this.#require(clientId);
    if (item.status !== 'failed') return;
    item.status = 'pending';
    item.entry = { ...item.entry, state: 'pending' };
    delete item.entry.error;
    this.#attempts.delete(item.entry.conversationId);
    this.#touch(item);
    await (await this.#store()).put(item.entry);
    this.#drain(item.entry.conversationId);
  }

  /** Deletes a message from the outbox, cancelling its upload. */
  async discard(clientId: string): Promise<void> {
    this.#alive();
    const item = this.#require(clientId);
    this.#forget(item);
    await this.#deleteStored(item);
  }

  /** Whether `message` is the stored copy of one of the outbox's messages. */
  holds(message: Message): boolean {
    return this.#items.get(message.clientId)?.entry.senderId === message.senderId;
  }

  /**
   * The server holds a message of ours (seen in `message:new`, `sync` or history, e.g. after a
   * lost ack or from before a reload): it leaves the outbox without being sent again.
   */

  acknowledge(message: Message): boolean {
    const item = this.#items.get(message.clientId);
    if (!item || item.entry.senderId !== message.senderId) return false;
    this.#forget(item);
    this.#deleteStored(item).catch(() => undefined);
    return true;
  }

  /** The pending messages of a conversation, in creation order. */
  pending(conversationId: string): PendingMessage[] {
    return this.#queue(conversationId).map((item) => this.#view(item));
  }

  /** Resolves once every message queued so far is in storage (or failed to get there). */
  async saved(): Promise<void> {
    await Promise.all(this.#writes);
  }

  /** Stops every timer and upload; the outbox cannot be used afterwards. */
  dispose(): void {
    this.#disposed = true;
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    for (const item of this.#items.values()) item.abort?.abort();
  }

  #alive(): void {
    if (this.#disposed) throw new ChatError('DESTROYED', 'the client was destroyed');
  }

  #require(clientId: string): Item {
    const item = typeof clientId === 'string' ? this.#items.get(clientId) : undefined;
    if (!item)
      throw new ChatError('NOT_FOUND', `no unsent message with clientId ${String(clientId)}`);
    return item;
  }

  /** Deletes an entry from storage, after its own write (or that write would bring it back). */
  async #deleteStored(item: Item): Promise<void> {
    const { clientId } = item.entry;
    this.#deleting.add(clientId);
    try {
      await item.saved;
      await (await this.#store()).delete(clientId);
    } finally {
      this.#deleting.delete(clientId);
    }
  }

  #forget(item: Item): void {
    item.abort?.abort();
    this.#items.delete(item.entry.clientId);
    this.#emit(item.entry.conversationId);
  }

  #conversations(): Set<string> {
    return new Set([...this.#items.values()].map((item) => item.entry.conversationId));
  }

  #queue(conversationId: string): Item[] {
    return [...this.#items.values()]
      .filter((item) => item.entry.conversationId === conversationId)
      .sort((a, b) => a.entry.createdSeq - b.entry.createdSeq);
  }

  #view(item: Item): PendingMessage {
    if (item.view) return item.view;
    const { entry } = item;
    const view: PendingMessage = {
      clientId: entry.clientId,
      conversationId: entry.conversationId,
      senderId: entry.senderId,
      type: entry.type,
      content: entry.content,
      createdAt: entry.createdAt,
      status: item.status,
      ...(entry.attachment ? { attachment: entry.attachment } : {}),
      ...(entry.image ? { image: entry.image } : {}),
      ...(entry.error ? { error: entry.error } : {}),
      ...(item.upload ? { upload: item.upload } : {}),
    };
    item.view = view;
    return view;
  }

  #touch(item: Item): void {
    item.view = undefined;
    this.#emit(item.entry.conversationId);
  }

  #emit(conversationId: string): void {
    if (!this.#disposed) this.#o.onChange(conversationId, this.pending(conversationId));
  }

  #drain(conversationId: string): void {
    if (this.#disposed || this.#running.has(conversationId) || this.#timers.has(conversationId)) {
      return;
    }
    if (this.#loading) {
      this.#deferred.add(conversationId);
      return;
    }
    if (!this.#o.isConnected()) return;
    this.#running.add(conversationId);
    void this.#run(conversationId).finally(() => this.#running.delete(conversationId));
  }

  async #run(conversationId: string): Promise<void> {
    for (;;) {
      // Their order is final once storage has numbered them.
      await Promise.all(this.#queue(conversationId).map((i) => i.saved));
      if (this.#disposed || !this.#o.isConnected()) return;
      const item = this.#queue(conversationId).find((i) => i.status === 'pending');
      if (!item) return;
      const session = this.#session;
      const error = await this.#attempt(item);
      // Disposed mid-send (a reload, destroy()): whatever the error, the stored entry stays
      // pending for the next page to send; it is not this page's failure.
      if (this.#disposed) return;
      if (!error) {
        this.#attempts.delete(conversationId);
        continue;
      }
      if (!this.#items.has(item.entry.clientId)) continue; // discarded meanwhile
      if (!error.transient) {
        this.#fail(item, error);
        continue;
      }
      item.status = 'pending';
      item.upload = undefined;
      this.#touch(item);
      if (session !== this.#session) continue; // a new session began: try again at once
      if (!this.#o.isConnected()) return; // the next session's flush sends it
      const attempt = this.#attempts.get(conversationId) ?? 0;
      this.#attempts.set(conversationId, attempt + 1);
      const delay = Math.max(error.retryAfterMs ?? 0, backoffDelay(attempt, {}, this.#o.random));
      this.#timers.set(
        conversationId,
        setTimeout(() => {
          this.#timers.delete(conversationId);
          this.#drain(conversationId);
        }, delay),
      );
      return;
    }
  }

  /** One try: upload if needed, then send. Resolves the error, or undefined on success. */
  async #attempt(item: Item): Promise<ChatError | undefined> {
    item.status = 'sending';
    this.#touch(item);
    try {
      await item.saved;
      const attachment = item.entry.attachment ?? (await this.#upload(item));
      const { entry } = item;
      const request: SendMessageRequest =
        entry.type === 'IMAGE' && attachment
          ? { ...this.#base(entry), type: 'IMAGE', content: entry.content, attachment }
          : { ...this.#base(entry), type: 'TEXT', content: entry.content };
      const message = await this.#o.send(request);
      if (this.#items.get(entry.clientId) === item) this.#forget(item);
      await this.#deleteStored(item).catch(() => undefined);
      if (!this.#disposed) this.#o.onSent(message);
      return undefined;
    } catch (error) {
      return toChatError(error);
    }
  }

  #base(entry: OutboxEntry) {
    return { clientId: entry.clientId, conversationId: entry.conversationId };
  }

  async #upload(item: Item): Promise<ImageAttachment | undefined> {
    const { image } = item.entry;
    if (item.entry.type !== 'IMAGE') return undefined;
    if (!image) throw new ChatError('INVALID', 'image message without an image');
    if (!this.#o.upload) throw new ChatError('INVALID', 'image messages need an uploadUrl');
    const abort = new AbortController();
    item.abort = abort;
    const attachment = await this.#o.upload(image, {
      signal: abort.signal,
      onProgress: (progress) => {
        item.upload = { loaded: progress.loaded, total: progress.total };
        this.#touch(item);
      },
    });
    item.abort = undefined;
    // Saved before sending, so a reload after this point sends without uploading again.
    const { image: _uploaded, ...rest } = item.entry;
    item.entry = { ...rest, attachment };
    if (this.#items.get(item.entry.clientId) === item) {
      await (await this.#store()).put(item.entry);
    }
    return attachment;
  }

  #fail(item: Item, error: ChatError): void {
    if (this.#disposed) return;
    item.status = 'failed';
    item.upload = undefined;
    item.entry = {
      ...item.entry,
      state: 'failed',
      error: { code: error.code, message: error.message },
    };
    this.#touch(item);
    this.#store()
      .then((store) => store.put(item.entry))
      .catch(() => undefined);
    this.#o.onError?.(error, item.entry.clientId);
  }
}
