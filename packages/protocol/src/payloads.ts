import type {
  Conversation,
  ConversationSubject,
  ImageAttachment,
  Message,
  Presence,
  PresenceStatus,
  PushSubscriptionJSON,
  SearchHit,
} from './types';

// ---- Client to server: requests and their ack data ----

/** `message:send` */
export type SendMessageRequest =
  | { clientId: string; conversationId: string; type: 'TEXT'; content: string }
  | {
      clientId: string;
      conversationId: string;
      type: 'IMAGE';
      /** Optional caption, 0..1000 characters. */
      content?: string;
      attachment: ImageAttachment;
    };
export interface SendMessageResult {
  message: Message;
}

/** `message:history`: give `beforeSeq` for older pages, `afterSeq` for newer ones. */
export interface HistoryRequest {
  conversationId: string;
  beforeSeq?: number;
  afterSeq?: number;
  /** 1..100, default 50. */
  limit?: number;
}
export interface HistoryResult {
  /** Oldest first. */
  messages: Message[];
  hasMore: boolean;
}

/** `message:read`: marks read up to and including `messageId`. */
export interface ReadRequest {
  messageId: string;
}
/** `message:unread`: marks unread from `messageId`, or from the last message. */
export interface UnreadRequest {
  conversationId: string;
  messageId?: string;
}
/** Ack of `message:read` and `message:unread`. */
export interface ReadStateResult {
  conversationId: string;
  lastReadSeq: number;
  unreadCount: number;
}

/** `message:search` */
export interface SearchRequest {
  /** 1..200 characters; free text, quotes and operators are safe. */
  query: string;
  conversationId?: string;
  cursor?: string;
  limit?: number;
}
export interface SearchResult {
  /** Newest first. */
  hits: SearchHit[];
  nextCursor?: string;
}

/** `conversation:list` */
export interface ConversationListRequest {
  cursor?: string;
  limit?: number;
}
export interface ConversationListResult {
  /** Sorted by `lastMessageAt`, newest first. */
  conversations: Conversation[];
  nextCursor?: string;
}

/** `conversation:get` */
export interface ConversationGetRequest {
  conversationId: string;
}
export interface ConversationGetResult {
  conversation: Conversation;
}

/** `conversation:open`: idempotent per members + subject; the caller is always a member. */
export interface ConversationOpenRequest {
  participantIds: string[];
  subject?: ConversationSubject;
}
export interface ConversationOpenResult {
  conversation: Conversation;
  created: boolean;
}

/** `sync`: the last `seq` the client holds per conversation. */
export interface SyncRequest {
  cursors: Record<string, number>;
}
export interface SyncResult {
  conversations: Conversation[];
  messages: Message[];
  /** Conversations with more than 200 new messages; page them with `message:history { afterSeq }`. */
  truncated: string[];
}

/** `presence:get`: 1..200 users who share a conversation with the caller. */
export interface PresenceGetRequest {
  userIds: string[];
}
export interface PresenceGetResult {
  presences: Presence[];
}

/** `push:subscribe` */
export interface PushSubscribeRequest {
  subscription: PushSubscriptionJSON;
  /**
   * Whether this user's pushes carry a preview of the message text (`true` until set). It
   * applies to the user, all their subscriptions; omitted, the setting stays as it was.
   */
  previews?: boolean;
}
/** `push:unsubscribe` */
export interface PushUnsubscribeRequest {
  endpoint: string;
}
/** Ack data of requests that return nothing. */
export type EmptyResult = Record<string, never>;

/** `typing:start` and `typing:stop` (volatile, no ack). */
export interface TypingRequest {
  conversationId: string;
}

// ---- Server to client ----

/** `message:new` */
export interface MessageNewEvent {
  message: Message;
}
/** `message:received`: to the sender's sockets once the message is stored. */
export interface MessageReceivedEvent {
  messageId: string;
  conversationId: string;
  seq: number;
}
/** `typing:update` */
export interface TypingUpdateEvent {
  conversationId: string;
  userId: string;
  isTyping: boolean;
}
/** `user:status` */
export interface UserStatusEvent {
  userId: string;
  status: PresenceStatus;
  lastSeen: string;
}
/** `unread:count`: `count` is the total over all conversations. */
export interface UnreadCountEvent {
  count: number;
  conversationId: string;
  conversationUnread: number;
}
/** `receipt:read` */
export interface ReceiptReadEvent {
  conversationId: string;
  userId: string;
  lastReadSeq: number;
  readAt: string;
}
/** `conversation:new` */
export interface ConversationNewEvent {
  conversation: Conversation;
}
/** `session:expired` */
export type SessionExpiredEvent = Record<string, never>;
