// What every entry of @causette/core exports beside its `createChatClient`: the client's types,
// its state and selectors, errors and helpers. Listed one by one: nothing is exported by accident.
export type { ChatClient, ChatClientOptions, SendMessageInput, TypingHandle } from './client';
export type { ChatClientEventName, ChatClientEvents, ChatNotification } from './events';
export { ChatError, isChatError } from './errors';
export type { ChatErrorCode } from './errors';

// Its state, for bindings (`useSyncExternalStore(client.subscribe, client.getSnapshot)`)
export {
  initialChatState,
  selectActiveConversationId,
  selectConnection,
  selectConversation,
  selectConversationOrder,
  selectMessageWindow,
  selectMessages,
  selectPresence,
  selectReadByOthers,
  selectStorageDurable,
  selectStorageLoaded,
  selectTyping,
  selectUnreadCount,
  selectUnreadTotal,
  selectUser,
} from './store';
export type { ChatState, ChatUser, ConversationsState, StorageState, UnreadState } from './store';
export { isSentMessage } from './messages';
export type {
  DisplayMessage,
  MessageWindow,
  PendingMessage,
  PendingStatus,
  SentMessage,
} from './messages';
export type { ConnectionSnapshot, ConnectionStatus, Logger } from './connection';

// How the client reaches the server
export type {
  ChatSocket,
  SocketConnectError,
  SocketHandlers,
  SocketOpenParams,
  SocketOptions,
  SocketTransport,
} from './socket';

// Helpers an app calls itself
export { backoffDelay } from './backoff';
export type { BackoffOptions } from './backoff';
export { decodeTokenClaims } from './auth';
export type { TokenClaims } from './auth';
// Image uploads and notification helpers have their own entries, `@causette/core/uploads` and
// `@causette/core/notifications`, so that an app pays for them only where it uses them.
