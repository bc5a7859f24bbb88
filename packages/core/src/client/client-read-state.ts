import type { ReadStateResult } from '@causette/protocol';
import { isVisible, onVisible } from '../environment';
import { ChatError } from '../errors';
import { patchObject } from '../store/create-store';
import {
  applyConversationUnread,
  applyMarkedUnread,
  applyReceipt,
  applyUnreadCount,
} from '../store/reducers';
import { type ClientContext, report, requireId } from './context';

/**
 * Unread counts and the active conversation. Local changes are optimistic; the server's numbers
 * (acks and `unread:count`) always win.
 */
export class ClientReadState {
  readonly #offVisible: () => void;
  /** Whether the active conversation is read as messages arrive (else its view calls markRead). */
  #autoRead = true;

  constructor(
    private readonly ctx: ClientContext,
    private readonly loadLatest: (conversationId: string) => Promise<void>,
  ) {
    ctx.connection.on('unread:count', (event) => {
      ctx.store.setState((s) => applyUnreadCount(s, event));
      // New unread messages in the conversation in view are read at once.
      if (event.conversationUnread > 0) this.readActive();
    });
    ctx.connection.on('receipt:read', (event) => ctx.store.setState((s) => applyReceipt(s, event)));
    // Coming back to the tab reads the conversation in view.
    this.#offVisible = onVisible(() => this.readActive());
  }

  setActive(conversationId: string | null, autoRead: boolean): void {
    if (conversationId !== null) requireId(conversationId, 'conversationId');
    if (typeof autoRead !== 'boolean') {
      throw new ChatError('INVALID', 'setActiveConversation: autoRead must be a boolean');
    }
    this.#autoRead = autoRead;
    this.ctx.store.setState((s) => patchObject(s, { activeConversationId: conversationId }));
    // Before the first session, the session itself loads the active conversation.
    if (conversationId === null || this.ctx.connection.state.status !== 'connected') return;
    this.loadLatest(conversationId)
      .then(() => this.readActive())
      .catch((error: unknown) => report(this.ctx, error, 'loading the conversation'));
  }

  async markRead(conversationId: string, messageId?: string): Promise<void> {
    requireId(conversationId, 'conversationId');
    const state = this.ctx.store.getSnapshot();
    const window = state.messages[conversationId];
    const conversation = state.conversations.byId[conversationId];
    const last = window?.sent[window.sent.length - 1] ?? conversation?.lastMessage;
    const targetId = messageId ?? last?.id;
    if (!targetId) return;
    const target = window?.sent.find((m) => m.id === targetId);
    const lastSeq = Math.max(conversation?.lastSeq ?? 0, last?.seq ?? 0);
    const optimistic = target ? Math.max(0, lastSeq - target.seq) : 0;
    await this.#change(conversationId, optimistic, false, () =>
      this.ctx.request('message:read', { messageId: targetId }),
    );
  }

  async markUnread(conversationId: string, messageId?: string): Promise<void> {
    requireId(conversationId, 'conversationId');
    const state = this.ctx.store.getSnapshot();
    const target = messageId
      ? state.messages[conversationId]?.sent.find((m) => m.id === messageId)
      : undefined;
    const lastSeq = state.conversations.byId[conversationId]?.lastSeq ?? 0;
    const optimistic = target ? Math.max(1, lastSeq - target.seq + 1) : 1;
    await this.#change(conversationId, optimistic, true, () =>
      this.ctx.request(
        'message:unread',
        messageId === undefined ? { conversationId } : { conversationId, messageId },
      ),
    );
  }

  dispose(): void {
    this.#offVisible();
  }

  async #change(
    conversationId: string,
    optimistic: number,
    markedUnread: boolean,
    send: () => Promise<ReadStateResult>,
  ): Promise<void> {
    const { store } = this.ctx;
    const before = store.getSnapshot().unread.byConversation[conversationId];
    store.setState((s) => applyConversationUnread(s, conversationId, optimistic));
    try {
      const result = await send();
      store.setState((s) =>
        applyMarkedUnread(
          applyConversationUnread(s, result.conversationId, result.unreadCount),
          result.conversationId,
          markedUnread,
        ),
      );
    } catch (error) {
      // Undo only our own guess; a newer server number may have arrived meanwhile.
      if (before !== undefined) {
        store.setState((s) =>
          s.unread.byConversation[conversationId] === optimistic
            ? applyConversationUnread(s, conversationId, before)
            : s,
        );
      }
      throw error instanceof ChatError ? error : new ChatError('INTERNAL', String(error));
    }
  }

  /** Marks the active conversation read when the tab is visible and it has unread messages. */
  readActive(): void {
    const state = this.ctx.store.getSnapshot();
    const id = state.activeConversationId;
    if (!id || !this.#autoRead || !isVisible() || this.ctx.connection.state.status !== 'connected')
      return;
    const unread = state.unread.byConversation[id] ?? state.conversations.byId[id]?.unreadCount;
    if (!unread) return;
    this.markRead(id).catch((error: unknown) => report(this.ctx, error, 'mark read'));
  }
}
