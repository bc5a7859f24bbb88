import {
  type DisplayMessage,
  type PendingMessage,
  type SendMessageInput,
  type TypingHandle,
  selectMessageWindow,
} from '@causette/core';
import { useCallback, useEffect, useMemo } from 'react';
import { useChatClient } from './use-chat-client';
import { selectConnected, useChatState } from './use-chat-state';
import { useTyping } from './use-typing';

/** What {@link useChat} returns. */
export interface ChatView {
  /** Stored messages by `seq` (no gap, no duplicate), then your pending ones. */
  messages: readonly DisplayMessage[];
  /** Whether the latest page is loaded. */
  loaded: boolean;
  /** Whether older messages exist (`loadOlder()`). */
  hasOlder: boolean;
  loadingOlder: boolean;
  /** Ids of the other members typing now. */
  typingUserIds: readonly string[];
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
  /** Typing signals with the protocol's timing: `keystroke()` on input, `stop()` on blur. */
  typing: TypingHandle;
}

/**
 * One conversation's messages and actions (the seed's `useChat`). Loads its latest page once the
 * client is connected, if nothing of it is loaded (a cached window shows at once); it does not
 * mark anything read by itself (the read policy belongs to the view that knows what is on
 * screen).
 */
export function useChat(conversationId: string): ChatView {
  const client = useChatClient();
  const selector = useMemo(() => selectMessageWindow(conversationId), [conversationId]);
  const messageWindow = useChatState(selector);
  const typingUserIds = useTyping(conversationId);
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
  const typing = useMemo(() => client.typing(conversationId), [client, conversationId]);
  return {
    messages: messageWindow.items,
    loaded: messageWindow.loaded,
    hasOlder: messageWindow.hasOlder,
    loadingOlder: messageWindow.loadingOlder,
    typingUserIds,
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
    typing,
  };
}
