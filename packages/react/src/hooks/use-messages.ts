import {
  type DisplayMessage,
  type PendingMessage,
  type SendMessageInput,
  selectMessageWindow,
} from '@causette/core';
import { useCallback, useEffect, useMemo } from 'react';
import { useChatClient } from './use-chat-client';
import { selectConnected, useChatState } from './use-chat-state';

/** What {@link useMessages} returns. */
export interface MessagesView {
  /** Stored messages by `seq` (no gap, no duplicate), then your pending ones. */
  messages: readonly DisplayMessage[];
  /** Whether the latest page is loaded. */
  loaded: boolean;
  /** Whether older messages exist (`loadOlder()`). */
  hasOlder: boolean;
  loadingOlder: boolean;
  /** Queues a message (text, or `{ content?, image? }`); shown at once. Throws on bad content. */
  send(input: string | SendMessageInput): PendingMessage;
  /** Sends a `failed` message again. */
  retry(clientId: string): Promise<void>;
  /** Deletes a `failed` message. */
  discard(clientId: string): Promise<void>;
  /** Fetches the previous page of history. */
  loadOlder(): Promise<void>;
  /** Marks read up to `messageId` (the last message by default). */
  markRead(messageId?: string): Promise<void>;
  /** Marks unread from `messageId` (the last message by default). */
  markUnread(messageId?: string): Promise<void>;
}

/**
 * One conversation's messages and actions, without typing: a view that shows messages does not
 * re-render when someone types. Loads the latest page once the client is connected, if nothing
 * of it is loaded (a cached window shows at once); marks nothing read by itself.
 */
export function useMessages(conversationId: string): MessagesView {
  const client = useChatClient();
  const selector = useMemo(() => selectMessageWindow(conversationId), [conversationId]);
  const messageWindow = useChatState(selector);
  const connected = useChatState(selectConnected);
  useEffect(() => {
    // The latest page when nothing is loaded.
    if (connected && !client.getSnapshot().messages[conversationId]?.loaded) {
      client.loadOlderMessages(conversationId).catch(() => undefined);
    }
  }, [client, conversationId, connected]);
  const send = useCallback(
    (input: string | SendMessageInput) =>
      client.sendMessage(conversationId, typeof input === 'string' ? { content: input } : input),
    [client, conversationId],
  );
  return {
    messages: messageWindow.items,
    loaded: messageWindow.loaded,
    hasOlder: messageWindow.hasOlder,
    loadingOlder: messageWindow.loadingOlder,
    send,
    retry: useCallback((clientId: string) => client.retryMessage(clientId), [client]),
    discard: useCallback((clientId: string) => client.discardMessage(clientId), [client]),
    loadOlder: useCallback(
      () => client.loadOlderMessages(conversationId),
      [client, conversationId],
    ),
    markRead: useCallback(
      (messageId?: string) => client.markRead(conversationId, messageId),
      [client, conversationId],
    ),
    markUnread: useCallback(
      (messageId?: string) => client.markUnread(conversationId, messageId),
      [client, conversationId],
    ),
  };
}
