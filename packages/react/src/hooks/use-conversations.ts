import type { Conversation } from '@causette/protocol';
import { type ConversationsState, selectConversation } from '@causette/core';
import { useCallback, useEffect, useMemo } from 'react';
import { useChatClient } from './use-chat-client';
import { selectConnected, useChatState } from './use-chat-state';

/** What {@link useConversations} returns. */
export interface ConversationsView {
  /** By last message, newest first (live: a new message moves its conversation up). */
  conversations: readonly Conversation[];
  status: ConversationsState['status'];
  /** Whether `loadMore()` can fetch another page. */
  hasMore: boolean;
  /** Fetches the next page; rejects with the client's `ChatError`. */
  loadMore(): Promise<void>;
  /** Fetches the first page again. */
  reload(): Promise<void>;
}

const selectList = (state: { conversations: ConversationsState }) => state.conversations;

/**
 * The user's conversations. Loads the first page each time the client connects, unless
 * `load: false`; until then the list is what the client holds (its cache after a reload). A
 * failure shows as `status: 'error'`.
 */
export function useConversations(options: { load?: boolean } = {}): ConversationsView {
  const client = useChatClient();
  const list = useChatState(selectList);
  const connected = useChatState(selectConnected);
  const load = options.load ?? true;
  useEffect(() => {
    if (load && connected) client.loadConversations().catch(() => undefined);
  }, [client, load, connected]);
  const conversations = useMemo(
    () => list.order.map((id) => list.byId[id]).filter((c): c is Conversation => c !== undefined),
    [list.order, list.byId],
  );
  const loadMore = useCallback(() => client.loadConversations({ more: true }), [client]);
  const reload = useCallback(() => client.loadConversations(), [client]);
  return { conversations, status: list.status, hasMore: list.hasMore, loadMore, reload };
}

/**
 * One conversation, or `undefined` until it is known: one the client has not listed, opened or
 * synced is fetched once the client is connected (a page opened on a conversation's URL).
 */
export function useConversation(conversationId: string): Conversation | undefined {
  const client = useChatClient();
  const selector = useMemo(() => selectConversation(conversationId), [conversationId]);
  const conversation = useChatState(selector);
  const connected = useChatState(selectConnected);
  const known = conversation !== undefined;
  useEffect(() => {
    if (connected && !known) client.loadConversation(conversationId).catch(() => undefined);
  }, [client, conversationId, connected, known]);
  return conversation;
}
