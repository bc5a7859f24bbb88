import type { AckCallback } from './errors';
import type {
  ConversationGetRequest,
  ConversationGetResult,
  ConversationListRequest,
  ConversationListResult,
  ConversationNewEvent,
  ConversationOpenRequest,
  ConversationOpenResult,
  EmptyResult,
  HistoryRequest,
  HistoryResult,
  MessageNewEvent,
  MessageReceivedEvent,
  PresenceGetRequest,
  PresenceGetResult,
  PushSubscribeRequest,
  PushUnsubscribeRequest,
  ReadRequest,
  ReadStateResult,
  ReceiptReadEvent,
  SearchRequest,
  SearchResult,
  SendMessageRequest,
  SendMessageResult,
  SessionExpiredEvent,
  SyncRequest,
  SyncResult,
  TypingRequest,
  TypingUpdateEvent,
  UnreadCountEvent,
  UnreadRequest,
  UserStatusEvent,
} from './payloads';

/** Names of the events a client sends. */
export const ClientEvent = {
  MessageSend: 'message:send',
  MessageHistory: 'message:history',
  MessageRead: 'message:read',
  MessageUnread: 'message:unread',
  MessageSearch: 'message:search',
  ConversationList: 'conversation:list',
  ConversationGet: 'conversation:get',
  ConversationOpen: 'conversation:open',
  Sync: 'sync',
  PresenceGet: 'presence:get',
  PushSubscribe: 'push:subscribe',
  PushUnsubscribe: 'push:unsubscribe',
  TypingStart: 'typing:start',
  TypingStop: 'typing:stop',
} as const;
export type ClientEventName = (typeof ClientEvent)[keyof typeof ClientEvent];

/** Names of the events a server sends. */
export const ServerEvent = {
  MessageNew: 'message:new',
  MessageReceived: 'message:received',
  TypingUpdate: 'typing:update',
  UserStatus: 'user:status',
  UnreadCount: 'unread:count',
  ReceiptRead: 'receipt:read',
  ConversationNew: 'conversation:new',
  SessionExpired: 'session:expired',
} as const;
export type ServerEventName = (typeof ServerEvent)[keyof typeof ServerEvent];

/** Request payload and ack data of every client event that takes an ack. */
export interface ClientRequests {
  'message:send': [SendMessageRequest, SendMessageResult];
  'message:history': [HistoryRequest, HistoryResult];
  'message:read': [ReadRequest, ReadStateResult];
  'message:unread': [UnreadRequest, ReadStateResult];
  'message:search': [SearchRequest, SearchResult];
  'conversation:list': [ConversationListRequest, ConversationListResult];
  'conversation:get': [ConversationGetRequest, ConversationGetResult];
  'conversation:open': [ConversationOpenRequest, ConversationOpenResult];
  sync: [SyncRequest, SyncResult];
  'presence:get': [PresenceGetRequest, PresenceGetResult];
  'push:subscribe': [PushSubscribeRequest, EmptyResult];
  'push:unsubscribe': [PushUnsubscribeRequest, EmptyResult];
}
/** Client events that take an ack. */
export type RequestEventName = keyof ClientRequests;
/** Payload of a client request. */
export type RequestPayload<E extends RequestEventName> = ClientRequests[E][0];
/** Ack data of a client request. */
export type RequestResult<E extends RequestEventName> = ClientRequests[E][1];

/** Client events sent volatile, without an ack. */
export interface ClientNotifications {
  'typing:start': TypingRequest;
  'typing:stop': TypingRequest;
}

/** Payload of every server event. */
export interface ServerEventPayloads {
  'message:new': MessageNewEvent;
  'message:received': MessageReceivedEvent;
  'typing:update': TypingUpdateEvent;
  'user:status': UserStatusEvent;
  'unread:count': UnreadCountEvent;
  'receipt:read': ReceiptReadEvent;
  'conversation:new': ConversationNewEvent;
  'session:expired': SessionExpiredEvent;
}

/**
 * Socket.io event map of what a client emits, for `Socket<ServerToClientEvents, ClientToServerEvents>`
 * in socket.io-client and `Server<ClientToServerEvents, ServerToClientEvents>` in socket.io.
 */
export type ClientToServerEvents = {
  [E in RequestEventName]: (payload: RequestPayload<E>, ack: AckCallback<RequestResult<E>>) => void;
} & {
  [E in keyof ClientNotifications]: (payload: ClientNotifications[E]) => void;
};

/** Socket.io event map of what a server emits. */
export type ServerToClientEvents = {
  [E in keyof ServerEventPayloads]: (payload: ServerEventPayloads[E]) => void;
};

/** Every client event name, for servers that must answer unknown ones with `INVALID`. */
export const CLIENT_EVENT_NAMES: readonly ClientEventName[] = Object.values(ClientEvent);
/** Every server event name. */
export const SERVER_EVENT_NAMES: readonly ServerEventName[] = Object.values(ServerEvent);

/** Whether a client event expects an ack. */
export function isRequestEvent(name: string): name is RequestEventName {
  return (CLIENT_EVENT_NAMES as readonly string[]).includes(name) && !name.startsWith('typing:');
}
