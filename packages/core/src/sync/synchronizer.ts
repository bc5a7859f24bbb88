import {
  HISTORY_DEFAULT_LIMIT,
  HISTORY_MAX_LIMIT,
  type Message,
  type RequestEventName,
  type RequestPayload,
  type RequestResult,
  SYNC_MAX_CURSORS,
} from '@causette/protocol';
import type { ChatError } from '../errors';
import {
  EMPTY_WINDOW,
  applyLatestPage,
  firstSeq,
  lastSeq,
  mergeMessages,
  missingRanges,
  setLoadingOlder,
} from '../messages/timeline';
import { toChatError } from '../outbox/to-chat-error';
import type { Store } from '../store/create-store';
import { applyConversationMessage, updateWindow, upsertConversations } from '../store/reducers';
import type { ChatState } from '../store/types';

/** Sends a request and resolves its ack data (the Connection's `request`). */
export type RequestFn = <E extends RequestEventName>(
  event: E,
  payload: RequestPayload<E>,
) => Promise<RequestResult<E>>;

/** What the synchronizer works with. */
export interface SynchronizerOptions {
  store: Store<ChatState>;
  request: RequestFn;
  /** Every batch of stored messages received (to drop acknowledged outbox entries). */
  onServerMessages?: (messages: readonly Message[]) => void;
  /** A background fetch failed (it is retried at the next session). */
  onError?: (error: ChatError) => void;
}

/**
 * Keeps loaded conversations complete: `sync` after every session, the latest page for
 * conversations too far behind, history pages for every gap, and the first/older pages the UI asks for. Messages reach the
 * store only through the timeline merge, so what is shown never has a gap, a duplicate or a
 * reordering.
 */
export class Synchronizer {
  readonly #o: SynchronizerOptions;
  /** Messages received while a conversation's first page is on its way. */
  readonly #buffers = new Map<string, Message[]>();
  readonly #filling = new Set<string>();
  readonly #fetchingConversation = new Set<string>();
  #disposed = false;

  constructor(options: SynchronizerOptions) {
    this.#o = options;
  }

  /** Runs `sync` with the last seq held per conversation and applies the answer. */
  async syncSession(): Promise<void> {
    const state = this.#o.store.getSnapshot();
    const ids = [...new Set([...state.conversations.order, ...Object.keys(state.messages)])];
    const cursors: Record<string, number> = {};
    for (const id of ids.slice(0, SYNC_MAX_CURSORS)) {
      const window = state.messages[id];
      cursors[id] = window?.loaded ? lastSeq(window) : (state.conversations.byId[id]?.lastSeq ?? 0);
    }
    const result = await this.#o.request('sync', { cursors });
    if (this.#disposed) return;
    this.#o.store.setState((s) => upsertConversations(s, result.conversations));
    // Too far behind (e.g. a window from the cache of a week ago): start again from the latest
    // page rather than paging through everything missed.
    const loaded = this.#o.store.getSnapshot().messages;
    const reset = new Set(result.truncated.filter((id) => loaded[id]?.loaded));
    this.receive(result.messages.filter((m) => !reset.has(m.conversationId)));
    await Promise.all([...reset].map((id) => this.#latest(id, true)));
  }

  /** Applies stored messages (message:new, acks, sync), then fetches any gap they reveal. */
  receive(messages: readonly Message[]): void {
    if (this.#disposed || messages.length === 0) return;
    const groups = new Map<string, Message[]>();
    for (const message of messages) {
      const group = groups.get(message.conversationId);
      if (group) group.push(message);
      else groups.set(message.conversationId, [message]);
    }
    const state = this.#o.store.getSnapshot();
    for (const [conversationId, group] of groups) {
      this.#buffers.get(conversationId)?.push(...group);
      this.#o.store.setState((s) => {
        let next = updateWindow(s, conversationId, (w) => mergeMessages(w, group));
        for (const message of group) next = applyConversationMessage(next, message);
        return next;
      });
      if (!state.conversations.byId[conversationId]) void this.#fetchConversation(conversationId);
    }
    this.#o.onServerMessages?.(messages);
    for (const conversationId of groups.keys()) void this.#fillGaps(conversationId);
  }

  /**
   * Keeps the user's own stored message visible in a conversation whose window is not loaded
   * (sent from a list, or queued before a reload): when nothing newer is known it is the latest
   * page (older pages follow with `loadOlder`); otherwise the latest page is fetched.
   */
  showOwn(message: Message): void {
    const { conversationId } = message;
    const state = this.#o.store.getSnapshot();
    if (this.#disposed || state.messages[conversationId]?.loaded) return;
    const known = state.conversations.byId[conversationId]?.lastSeq ?? 0;
    if (message.seq >= known) {
      this.#o.store.setState((s) =>
        updateWindow(s, conversationId, (w) => applyLatestPage(w, [message])),
      );
    } else {
      this.loadLatest(conversationId).catch((error: unknown) =>
        this.#o.onError?.(toChatError(error)),
      );
    }
  }

  /** Loads the latest page of a conversation not loaded yet (a no-op once loaded). */
  loadLatest(conversationId: string): Promise<void> {
    return this.#latest(conversationId, false);
  }

  /** Loads the latest page; with `reset`, it replaces what a loaded window shows. */
  async #latest(conversationId: string, reset: boolean): Promise<void> {
    if ((!reset && this.#window(conversationId)?.loaded) || this.#buffers.has(conversationId)) {
      return;
    }
    const buffer: Message[] = [];
    this.#buffers.set(conversationId, buffer);
    try {
      const page = await this.#o.request('message:history', {
        conversationId,
        limit: HISTORY_DEFAULT_LIMIT,
      });
      if (this.#disposed) return;
      // The page first, then what arrived meanwhile (beyond a gap, it is held and fetched).
      this.#o.store.setState((s) =>
        updateWindow(s, conversationId, (w) =>
          mergeMessages(
            applyLatestPage(reset ? { ...EMPTY_WINDOW, pending: w.pending } : w, page.messages),
            buffer,
          ),
        ),
      );
      this.#o.onServerMessages?.(page.messages);
    } finally {
      this.#buffers.delete(conversationId);
    }
    await this.#fillGaps(conversationId);
  }

  /** Loads the page before the first loaded message (the latest page when nothing is loaded). */
  async loadOlder(conversationId: string): Promise<void> {
    const window = this.#window(conversationId);
    if (!window?.loaded) return this.loadLatest(conversationId);
    if (!window.hasOlder || window.loadingOlder) return;
    this.#o.store.setState((s) => updateWindow(s, conversationId, (w) => setLoadingOlder(w, true)));
    try {
      const page = await this.#o.request('message:history', {
        conversationId,
        beforeSeq: firstSeq(window),
        limit: HISTORY_DEFAULT_LIMIT,
      });
      if (this.#disposed) return;
      this.#o.store.setState((s) =>
        updateWindow(s, conversationId, (w) => mergeMessages(w, page.messages)),
      );
      this.#o.onServerMessages?.(page.messages);
    } finally {
      this.#o.store.setState((s) =>
        updateWindow(s, conversationId, (w) => setLoadingOlder(w, false)),
      );
    }
  }

  /** Stops applying answers that arrive later. */
  dispose(): void {
    this.#disposed = true;
  }

  #window(conversationId: string) {
    return this.#o.store.getSnapshot().messages[conversationId];
  }

  /** Fetches every missing range of a conversation, one request at a time. */
  async #fillGaps(conversationId: string): Promise<void> {
    if (this.#filling.has(conversationId)) return;
    this.#filling.add(conversationId);
    try {
      for (;;) {
        const window = this.#window(conversationId);
        const [range] = window ? missingRanges(window) : [];
        if (this.#disposed || !range) return;
        const page = await this.#o.request('message:history', {
          conversationId,
          afterSeq: range.afterSeq,
          beforeSeq: range.beforeSeq,
          limit: Math.min(HISTORY_MAX_LIMIT, range.beforeSeq - range.afterSeq - 1),
        });
        if (this.#disposed) return;
        const before = this.#window(conversationId);
        this.#o.store.setState((s) =>
          updateWindow(s, conversationId, (w) => mergeMessages(w, page.messages)),
        );
        this.#o.onServerMessages?.(page.messages);
        // Nothing new came back: stop rather than loop; the next sync starts from what is shown.
        if (this.#window(conversationId) === before) return;
      }
    } catch (error) {
      this.#o.onError?.(toChatError(error));
    } finally {
      this.#filling.delete(conversationId);
    }
  }

  async #fetchConversation(conversationId: string): Promise<void> {
    if (this.#fetchingConversation.has(conversationId)) return;
    this.#fetchingConversation.add(conversationId);
    try {
      const { conversation } = await this.#o.request('conversation:get', { conversationId });
      if (!this.#disposed) this.#o.store.setState((s) => upsertConversations(s, [conversation]));
    } catch (error) {
      this.#o.onError?.(toChatError(error));
    } finally {
      this.#fetchingConversation.delete(conversationId);
    }
  }
}
