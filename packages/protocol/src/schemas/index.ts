import type { z } from 'zod';
import type { ClientNotifications, RequestEventName, ServerEventPayloads } from '../events';
import {
  ackErrorSchema,
  ackSchema,
  conversationGetResultSchema,
  conversationListResultSchema,
  conversationNewEventSchema,
  conversationOpenResultSchema,
  emptyResultSchema,
  historyResultSchema,
  messageNewEventSchema,
  messageReceivedEventSchema,
  presenceGetResultSchema,
  readStateResultSchema,
  receiptReadEventSchema,
  searchResultSchema,
  sendMessageResultSchema,
  sessionExpiredEventSchema,
  syncResultSchema,
  typingUpdateEventSchema,
  unreadCountEventSchema,
  userStatusEventSchema,
} from './events';
import {
  conversationGetRequestSchema,
  conversationListRequestSchema,
  conversationOpenRequestSchema,
  historyRequestSchema,
  presenceGetRequestSchema,
  pushSubscribeRequestSchema,
  pushUnsubscribeRequestSchema,
  readRequestSchema,
  searchRequestSchema,
  sendMessageRequestSchema,
  syncRequestSchema,
  typingRequestSchema,
  unreadRequestSchema,
} from './requests';

export {
  conversationSchema,
  conversationSubjectSchema,
  memberSchema,
  messageSchema,
  messageTypeSchema,
  presenceSchema,
  presenceStatusSchema,
  searchHitSchema,
} from './objects';
export {
  captionSchema,
  cursorSchema,
  idSchema,
  imageAttachmentSchema,
  seqSchema,
  textContentSchema,
  timestampSchema,
} from './primitives';
export {
  conversationGetRequestSchema,
  conversationListRequestSchema,
  conversationOpenRequestSchema,
  historyRequestSchema,
  presenceGetRequestSchema,
  pushSubscribeRequestSchema,
  pushUnsubscribeRequestSchema,
  readRequestSchema,
  searchRequestSchema,
  sendMessageRequestSchema,
  syncRequestSchema,
  typingRequestSchema,
  unreadRequestSchema,
};
export {
  ackErrorSchema,
  ackSchema,
  conversationGetResultSchema,
  conversationListResultSchema,
  conversationNewEventSchema,
  conversationOpenResultSchema,
  emptyResultSchema,
  historyResultSchema,
  messageNewEventSchema,
  messageReceivedEventSchema,
  presenceGetResultSchema,
  readStateResultSchema,
  receiptReadEventSchema,
  searchResultSchema,
  sendMessageResultSchema,
  sessionExpiredEventSchema,
  syncResultSchema,
  typingUpdateEventSchema,
  unreadCountEventSchema,
  userStatusEventSchema,
};
export { describeIssues, parseClientEvent } from './parse';
export type { ParseResult } from './parse';

/** The schema of every client request payload, by event name. */
export const requestSchemas = {
  'message:send': sendMessageRequestSchema,
  'message:history': historyRequestSchema,
  'message:read': readRequestSchema,
  'message:unread': unreadRequestSchema,
  'message:search': searchRequestSchema,
  'conversation:list': conversationListRequestSchema,
  'conversation:get': conversationGetRequestSchema,
  'conversation:open': conversationOpenRequestSchema,
  sync: syncRequestSchema,
  'presence:get': presenceGetRequestSchema,
  'push:subscribe': pushSubscribeRequestSchema,
  'push:unsubscribe': pushUnsubscribeRequestSchema,
} as const satisfies Record<RequestEventName, z.ZodType>;

/** The schema of every request's ack data, by event name. */
export const resultSchemas = {
  'message:send': sendMessageResultSchema,
  'message:history': historyResultSchema,
  'message:read': readStateResultSchema,
  'message:unread': readStateResultSchema,
  'message:search': searchResultSchema,
  'conversation:list': conversationListResultSchema,
  'conversation:get': conversationGetResultSchema,
  'conversation:open': conversationOpenResultSchema,
  sync: syncResultSchema,
  'presence:get': presenceGetResultSchema,
  'push:subscribe': emptyResultSchema,
  'push:unsubscribe': emptyResultSchema,
} as const satisfies Record<RequestEventName, z.ZodType>;

/** The schema of every volatile client notification, by event name. */
export const notificationSchemas = {
  'typing:start': typingRequestSchema,
  'typing:stop': typingRequestSchema,
} as const satisfies Record<keyof ClientNotifications, z.ZodType>;

/** The schema of every server event payload, by event name. */
export const serverEventSchemas = {
  'message:new': messageNewEventSchema,
  'message:received': messageReceivedEventSchema,
  'typing:update': typingUpdateEventSchema,
  'user:status': userStatusEventSchema,
  'unread:count': unreadCountEventSchema,
  'receipt:read': receiptReadEventSchema,
  'conversation:new': conversationNewEventSchema,
  'session:expired': sessionExpiredEventSchema,
} as const satisfies Record<keyof ServerEventPayloads, z.ZodType>;
