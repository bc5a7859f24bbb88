import { type Message, contentProblem } from '@causette/protocol';
import { isVisible } from '../environment';
import { backoffDelay } from '../backoff';
import { ChatError } from '../errors';
import type { PendingMessage } from '../messages/types';
import { setPending } from '../messages/timeline';
import { Outbox } from '../outbox/outbox';
import { toChatError } from '../outbox/to-chat-error';
import type { ChatStorage } from '../storage/types';
import { updateWindow } from '../store/reducers';
import { Synchronizer } from '../sync/synchronizer';
import { type ClientContext, report, requireId } from './context';
import type { SendMessageInput } from './types';

/** How many message ids are remembered to announce each message once. */
const ANNOUNCED_MEMORY = 500;

/** Outbox, sync and incoming messages, wired to the store and the connection. */
export class ClientMessages {
  readonly sync: Synchronizer;
  #outbox: Outbox | undefined;
  readonly #announced = new Set<string>();
  #syncTimer: ReturnType<typeof setTimeout> | undefined;
  #syncAttempt = 0;
  #disposed = false;
  #markLoaded: () => void = () => undefined;
  /** Resolves once the outbox and the cache have been read into the store. */
  readonly loaded = new Promise<void>((resolve) => {
    this.#markLoaded = resolve;
  });

  constructor(
    private readonly ctx: ClientContext,
    private readonly options: {
      uploadUrl: string;
      getToken: () => string | Promise<string>;
      /** A message from someone else arrived (notifications, auto mark-read). */
      onIncoming: (message: Message) => void;
    },
  ) {
    this.sync = new Synchronizer({
      store: ctx.store,
      request: ctx.request,
      onServerMessages: (messages) => this.#acknowledge(messages),
      onError: (error) => report(ctx, error, 'history fetch'),
    });
  }

  /**
   * Creates the outbox once the user and their storage are known. Sessions wait for `ready` too
   * (the cache in the store), so that `sync` continues from what is shown.
   */
  start(storage: Promise<ChatStorage>, ready: Promise<void>): void {
    if (this.#outbox) return;
    const { ctx } = this;
    const outbox = new Outbox({
      storage,
      send: async (request) => (await ctx.request('message:send', request)).message,
      isConnected: () => ctx.connection.state.status === 'connected',
      upload: (image, { signal, onProgress }) => this.#upload(image, signal, onProgress),
      onChange: (conversationId, pending) =>
        ctx.store.setState((s) => updateWindow(s, conversationId, (w) => setPending(w, pending))),
      onSent: (message) => {
        this.sync.receive([message]);
        this.#announce(message);
      },
      onError: (error, clientId) => {
        report(ctx, error, `message ${clientId}`);
        if (!error.transient) ctx.emitter.emit('message:failed', clientId, error);
      },
    });
    this.#outbox = outbox;
    void Promise.all([
      outbox.load().catch((error: unknown) => report(ctx, error, 'outbox load')),
      ready,
    ]).then(() => this.#markLoaded());
  }

  /**
   * Every (re)connect: catch up with `sync`, then send what waits in the outbox, including what
   * another tab of the same user queued and could not send (it was closed while offline).
   */
  async onSession(): Promise<void> {
    await this.loaded;
    this.#syncAttempt = 0;
    // Before sync, which then drops what the server already holds of those.
    await this.#outbox?.load().catch((error: unknown) => report(this.ctx, error, 'outbox load'));
    await this.#sync();
    this.#outbox?.flush();
  }

  /**
   * `sync`, tried again with backoff while the session lasts if it fails for a transient reason:
   * a quiet conversation would otherwise miss what was said during the drop until the next one.
   */
  async #sync(): Promise<void> {
    clearTimeout(this.#syncTimer);
    this.#syncTimer = undefined;
    try {
      await this.sync.syncSession();
    } catch (error) {
      report(this.ctx, error, 'sync');
      const failure = toChatError(error);
      // Disconnected: the next session syncs anyway.
      if (this.#disposed || !failure.transient) return;
      if (this.ctx.connection.state.status !== 'connected') return;
      const delay = Math.max(failure.retryAfterMs ?? 0, backoffDelay(this.#syncAttempt++));
      this.#syncTimer = setTimeout(() => void this.#sync(), delay);
    }
  }

  /** `message:new`. */
  onNew(message: Message): void {
    this.sync.receive([message]);
    this.#announce(message);
  }

  /**
   * Emits `message` (and, for someone else's, `notification`) once per message id: an own
   * message comes back both as its ack and as `message:new`, and a reconnect may repeat one.
   */
  #announce(message: Message): void {
    if (this.#announced.has(message.id)) return;
    this.#announced.add(message.id);
    // Only recent ids can come again; keep the set small.
    if (this.#announced.size > ANNOUNCED_MEMORY) {
      this.#announced.delete(this.#announced.values().next().value as string);
    }
    this.ctx.emitter.emit('message', message);
    if (message.senderId !== this.ctx.userId()) this.options.onIncoming(message);
  }

  send(conversationId: string, input: SendMessageInput): PendingMessage {
    requireId(conversationId, 'conversationId');
    if (typeof input !== 'object' || input === null) {
      throw new ChatError('INVALID', 'sendMessage takes { content, image? }');
    }
    const { image } = input;
    if (image !== undefined && !(typeof Blob !== 'undefined' && image instanceof Blob)) {
      throw new ChatError('INVALID', 'image must be a Blob or File');
    }
    const content = input.content ?? '';
    if (typeof content !== 'string') throw new ChatError('INVALID', 'content must be a string');
    const type = image ? 'IMAGE' : 'TEXT';
    const problem = contentProblem(type, content);
    if (problem) throw new ChatError('INVALID', problem);
    const userId = this.ctx.userId();
    if (!this.#outbox || !userId) {
      throw new ChatError('OFFLINE', 'call connect() before sending: the user is not known yet');
    }
    const queued = { conversationId, senderId: userId, type, content } as const;
    const pending = this.#outbox.add(image ? { ...queued, image } : queued);
    // Sent from a list, without the conversation open: fetch what it will be shown after.
    if (this.ctx.connection.state.status === 'connected') {
      this.sync.loadLatest(conversationId).catch(() => undefined);
    }
    return pending;
  }

  retry(clientId: string): Promise<void> {
    return this.#require().retry(clientId);
  }

  discard(clientId: string): Promise<void> {
    return this.#require().discard(clientId);
  }

  /** Stops everything; resolves once queued messages are in storage, so it may be closed. */
  dispose(): Promise<void> {
    this.#disposed = true;
    clearTimeout(this.#syncTimer);
    this.#outbox?.dispose();
    this.sync.dispose();
    return this.#outbox?.saved() ?? Promise.resolve();
  }

  #require(): Outbox {
    if (!this.#outbox) throw new ChatError('NOT_FOUND', 'no unsent message: not connected yet');
    return this.#outbox;
  }

  #acknowledge(messages: readonly Message[]): void {
    const outbox = this.#outbox;
    const userId = this.ctx.userId();
    if (!outbox || !userId) return;
    for (const message of messages) {
      if (message.senderId !== userId || !outbox.holds(message)) continue;
      // Shown as sent before its pending twin goes, so no snapshot lacks it.
      this.sync.showOwn(message);
      outbox.acknowledge(message);
    }
  }

  async #upload(
    image: Blob,
    signal: AbortSignal,
    onProgress: (p: { loaded: number; total: number }) => void,
  ) {
    // Loaded on the first image only: apps that send none never download the upload code.
    const { requestUploadSignature, uploadImage, validateImageFile } = await import('../uploads');
    await validateImageFile(image);
    const token = await this.options.getToken();
    const signature = await requestUploadSignature({ url: this.options.uploadUrl, token, signal });
    await validateImageFile(image, {
      maxBytes: signature.maxBytes,
      allowedFormats: signature.allowedFormats,
    });
    return uploadImage(image, signature, { signal, onProgress });
  }
}

/** Whether a message from someone else deserves a `notification` event. */
export function shouldNotify(activeConversationId: string | null, message: Message): boolean {
  return activeConversationId !== message.conversationId || !isVisible();
}
