import type { Presence } from '@causette/protocol';
import { chunk } from '../presence/chunk';
import { PresenceWatchList } from '../presence/watch-list';
import { patchObject, removeEntry, setEntry } from '../store/create-store';
import { TypingSender } from '../typing/typing-sender';
import { TypingTracker } from '../typing/typing-tracker';
import { type ClientContext, report, requireId } from './context';
import type { TypingHandle } from './types';

/** Presence of watched users and typing indicators, both ways. */
export class ClientPresence {
  readonly #watchList: PresenceWatchList;
  readonly #sender: TypingSender;
  readonly #tracker: TypingTracker;

  constructor(private readonly ctx: ClientContext) {
    const { store, connection } = ctx;
    this.#watchList = new PresenceWatchList({
      onAdded: (userIds) => void this.#fetch(userIds),
      onRemoved: (userIds) =>
        store.setState((s) => {
          let presence = s.presence;
          for (const id of userIds) presence = removeEntry(presence, id);
          return patchObject(s, { presence });
        }),
    });
    this.#sender = new TypingSender({
      send: (event, conversationId) => connection.notify(event, { conversationId }),
    });
    this.#tracker = new TypingTracker({
      onChange: (conversationId, userIds) =>
        store.setState((s) =>
          patchObject(s, {
            typing:
              userIds.length === 0
                ? removeEntry(s.typing, conversationId)
                : setEntry(s.typing, conversationId, userIds),
          }),
        ),
    });
    connection.on('user:status', (event) => {
      if (this.#watchList.watched().includes(event.userId)) this.#set([event]);
    });
    connection.on('typing:update', (event) => {
      if (event.userId !== ctx.userId()) this.#tracker.apply(event);
    });
    connection.on('message:new', ({ message }) =>
      this.#tracker.clearUser(message.conversationId, message.senderId),
    );
  }

  watch(userIds: readonly string[]): () => void {
    return this.#watchList.watch(userIds);
  }

  typing(conversationId: string): TypingHandle {
    requireId(conversationId, 'conversationId');
    return {
      keystroke: () => this.#sender.keystroke(conversationId),
      stop: () => this.#sender.stop(conversationId),
    };
  }

  /** Stops the own typing indicator of a conversation (a message was sent). */
  stopTyping(conversationId: string): void {
    this.#sender.stop(conversationId);
  }

  /** Every session: presence of every watched user again (it may have changed meanwhile). */
  onSession(): void {
    void this.#fetch(this.#watchList.watched());
  }

  /** The connection dropped: nobody is known to be typing any more. */
  onDisconnected(): void {
    this.#tracker.clearAll();
  }

  dispose(): void {
    this.#sender.dispose();
    this.#tracker.dispose();
  }

  async #fetch(userIds: string[]): Promise<void> {
    if (userIds.length === 0 || this.ctx.connection.state.status !== 'connected') return;
    try {
      for (const ids of chunk(userIds)) {
        const { presences } = await this.ctx.request('presence:get', { userIds: ids });
        this.#set(presences);
      }
    } catch (error) {
      report(this.ctx, error, 'presence');
    }
  }

  #set(presences: readonly Presence[]): void {
    const watched = new Set(this.#watchList.watched());
    this.ctx.store.setState((s) => {
      let presence = s.presence;
      for (const p of presences) {
        if (!watched.has(p.userId)) continue;
        const known = presence[p.userId];
        if (known && known.status === p.status && known.lastSeen === p.lastSeen) continue;
        presence = setEntry(presence, p.userId, p);
      }
      return patchObject(s, { presence });
    });
  }
}
