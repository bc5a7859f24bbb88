// A connected-looking client whose store holds one long conversation, as packages/react's
// MessageList test builds it (test-list.test-fixtures.tsx): only what the list reads is real, so
// the timings are the kit's rendering, not a network's.
import {
  type ChatClient,
  type ChatClientEvents,
  type ChatState,
  type SentMessage,
  initialChatState,
} from '@causette/core';
import type { Conversation } from '@causette/protocol';

export const CONV = 'c-lyon-t2';

export interface LongThreadClient extends ChatClient {
  /** Appends a message from `senderId`, as if the server had just sent it. */
  push(senderId: string, content: string): SentMessage;
}

function messageAt(seq: number, senderId: string, start: number, content?: string): SentMessage {
  return {
    id: `m-${seq}`,
    clientId: `c-${seq}`,
    conversationId: CONV,
    seq,
    senderId,
    type: 'TEXT',
    content: content ?? `Message ${seq}`,
    createdAt: new Date(start + seq * 60_000).toISOString(),
    readAt: null,
    status: 'sent',
  };
}

function conversation(lastSeq: number): Conversation {
  return {
    id: CONV,
    members: [
      { userId: 'u-alice', displayName: 'Alice', lastReadSeq: lastSeq },
      { userId: 'u-bruno', displayName: 'Bruno', lastReadSeq: lastSeq },
    ],
    lastSeq,
    lastMessageAt: new Date().toISOString(),
    unreadCount: 0,
    markedUnread: false,
  };
}

/** The state of a connected Alice with `messages` loaded in {@link CONV}, all read. */
export function stateWith(messages: SentMessage[]): ChatState {
  const base = initialChatState({ kind: 'memory', durable: false, loaded: true });
  return {
    ...base,
    connection: { status: 'connected', attempt: 0 },
    user: { userId: 'u-alice', displayName: 'Alice' },
    conversations: {
      order: [CONV],
      byId: { [CONV]: conversation(messages.length) },
      hasMore: false,
      status: 'loaded',
    },
    messages: {
      [CONV]: {
        items: messages,
        sent: messages,
        held: [],
        pending: [],
        loaded: true,
        hasOlder: false,
        loadingOlder: false,
      },
    },
    unread: { total: 0, totalFromServer: true, byConversation: { [CONV]: 0 } },
  };
}

/** A client holding `count` messages between Alice and Bruno, one a minute, up to now. */
export function longThreadClient(count: number): LongThreadClient {
  const start = Date.now() - (count + 1) * 60_000;
  const sent: SentMessage[] = [];
  for (let i = 1; i <= count; i++) {
    sent.push(messageAt(i, i % 3 === 0 ? 'u-alice' : 'u-bruno', start));
  }
  let state = stateWith(sent);
  const subscribers = new Set<() => void>();
  const messageListeners = new Set<ChatClientEvents['message']>();
  const refuse = () => Promise.reject(new Error('not in this fake'));
  return {
    connect: () => undefined,
    disconnect: () => undefined,
    destroy: () => undefined,
    waitForConnection: () => Promise.resolve(),
    getSnapshot: () => state,
    subscribe: (listener) => {
      subscribers.add(listener);
      return () => subscribers.delete(listener);
    },
    on: (event, listener) => {
      // Only `message` is ever emitted here.
      if (event !== 'message') return () => undefined;
      const onMessage = listener as ChatClientEvents['message'];
      messageListeners.add(onMessage);
      return () => messageListeners.delete(onMessage);
    },
    sendMessage: () => {
      throw new Error('not in this fake');
    },
    retryMessage: refuse,
    discardMessage: refuse,
    loadConversations: () => Promise.resolve(),
    loadConversation: () => Promise.resolve(conversation(sent.length)),
    openConversation: refuse,
    loadOlderMessages: () => Promise.resolve(),
    setActiveConversation: () => undefined,
    markRead: () => Promise.resolve(),
    markUnread: () => Promise.resolve(),
    search: refuse,
    typing: () => ({ keystroke: () => undefined, stop: () => undefined }),
    watchPresence: () => () => undefined,
    registerPush: refuse,
    push(senderId, content) {
      const message = messageAt(sent.length + 1, senderId, start, content);
      sent.push(message);
      state = stateWith([...sent]);
      for (const notify of subscribers) notify();
      for (const listener of messageListeners) listener(message);
      return message;
    },
  };
}
