// Helpers of MessageList's tests: the list in a 400 px box under a provider, injected messages,
// and a minimal client holding a long window (the hooks read it through their real path).
import {
  type ChatClient,
  type ChatClientEvents,
  type ChatState,
  type SentMessage,
  initialChatState,
} from '@causette/core';
import type { MockChatServer } from '@causette/testing';
import type { Conversation, ImageAttachment, Message } from '@causette/protocol';
import { render } from '@testing-library/react';
import type { ChatLocale } from '../i18n';
import { ChatProvider } from '../provider';
import { MessageList, type MessageListProps } from './MessageList';
// The layout (absolute rows, a scrolling viewport) is the kit's CSS.
import '../styles.css';

export const CONV = 'c-lyon-t2';
export const WAIT = { timeout: 10_000 };

/** The list of `conversationId` in a 400 × 360 px box. */
export function renderList(
  client: ChatClient,
  props: Partial<MessageListProps> = {},
  locale: ChatLocale = 'fr',
) {
  return render(
    <ChatProvider client={client} locale={locale}>
      <div style={{ height: 400, width: 360 }}>
        <MessageList conversationId={CONV} {...props} />
      </div>
    </ChatProvider>,
  );
}

/** The `role="log"` scroll container. */
export function viewportOf(container: HTMLElement): HTMLElement {
  const log = container.querySelector<HTMLElement>('[role="log"]');
  if (!log) throw new Error('no log');
  return log;
}

/** How far the viewport is from its end, in px. */
export function distanceFromEnd(viewport: HTMLElement): number {
  return viewport.scrollHeight - viewport.scrollTop - viewport.clientHeight;
}

/** Resolves after `count` animation frames (layout and the virtualizer's reconcile ran). */
export async function frames(count = 2): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
}

/** A small inline picture (loads without the network). */
export const PICTURE =
  'data:image/svg+xml,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"><rect width="800" height="600" fill="#7aa"/><circle cx="400" cy="300" r="150" fill="#fd6"/></svg>',
  );

/**
 * Pushes an image message from `senderId` to `toUserId`'s clients as the server would
 * (`message:new`), with the next seq of the conversation. The mock does not store it (it has no
 * upload route): use it last in a test.
 */
export function pushImageMessage(
  server: MockChatServer,
  toUserId: string,
  senderId: string,
  attachment: Partial<ImageAttachment> = {},
): Message {
  const stored = server.state.messages(CONV);
  const seq = (stored[stored.length - 1]?.seq ?? 0) + 1;
  const message: Message = {
    id: `m-image-${seq}`,
    clientId: `c-image-${seq}`,
    conversationId: CONV,
    seq,
    senderId,
    type: 'IMAGE',
    content: '',
    attachment: {
      url: PICTURE,
      publicId: 'causette/test',
      width: 800,
      height: 600,
      bytes: 2048,
      format: 'png',
      ...attachment,
    },
    createdAt: new Date().toISOString(),
    readAt: null,
  };
  server.emit(toUserId, 'message:new', { message });
  return message;
}

/** A client whose state holds `count` messages of one conversation, and can receive more. */
export interface LongThreadClient extends ChatClient {
  /** Appends a message from `senderId` (a new one from the server). */
  push(senderId: string, content: string): SentMessage;
  markReadCalls: number;
}

/**
 * A connected-looking client with a window of `count` messages between Alice and Bruno. Only
 * what the list reads is real; requests resolve at once.
 */
export function longThreadClient(count: number): LongThreadClient {
  const start = Date.now() - count * 60_000;
  const sent: SentMessage[] = [];
  for (let i = 1; i <= count; i++) sent.push(messageAt(i, i % 3 === 0 ? 'u-alice' : 'u-bruno'));
  function messageAt(seq: number, senderId: string, content = `Message ${seq}`): SentMessage {
    return {
      id: `m-${seq}`,
      clientId: `c-${seq}`,
      conversationId: CONV,
      seq,
      senderId,
      type: 'TEXT',
      content,
      createdAt: new Date(start + seq * 60_000).toISOString(),
      readAt: null,
      status: 'sent',
    };
  }
  const conversation = (lastSeq: number): Conversation => ({
    id: CONV,
    members: [
      { userId: 'u-alice', displayName: 'Alice', lastReadSeq: lastSeq },
      { userId: 'u-bruno', displayName: 'Bruno', lastReadSeq: lastSeq },
    ],
    lastSeq,
    lastMessageAt: new Date().toISOString(),
    unreadCount: 0,
    markedUnread: false,
  });
  const base = initialChatState({ kind: 'memory', durable: false, loaded: true });
  const withWindow = (messages: SentMessage[]): ChatState => ({
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
  });
  let state = withWindow(sent);
  const subscribers = new Set<() => void>();
  const messageListeners = new Set<ChatClientEvents['message']>();
  const refuse = () => Promise.reject(new Error('not in this fake'));
  const client: LongThreadClient = {
    markReadCalls: 0,
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
    markRead: () => {
      client.markReadCalls += 1;
      return Promise.resolve();
    },
    markUnread: () => Promise.resolve(),
    search: refuse,
    typing: () => ({ keystroke: () => undefined, stop: () => undefined }),
    watchPresence: () => () => undefined,
    registerPush: refuse,
    push(senderId, content) {
      const message = messageAt(sent.length + 1, senderId, content);
      sent.push(message);
      state = withWindow([...sent]);
      for (const notify of subscribers) notify();
      for (const listener of messageListeners) listener(message);
      return message;
    },
  };
  return client;
}
