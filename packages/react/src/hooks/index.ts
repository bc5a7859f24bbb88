export { useChatClient } from './use-chat-client';
export { useChatState } from './use-chat-state';
export { useConnection } from './use-connection';
export { useConversation, useConversations } from './use-conversations';
export type { ConversationsView } from './use-conversations';
export { useChat } from './use-chat';
export type { ChatView } from './use-chat';
export { useMessages } from './use-messages';
export type { MessagesView } from './use-messages';
export { useTyping } from './use-typing';
export { usePresence } from './use-presence';
export { useUnreadCount } from './use-unread-count';
export { useSearch } from './use-search';
export type { SearchStatus, SearchView } from './use-search';
export { useNotifications } from './use-notifications';
export type {
  NotificationOpenHandler,
  NotificationsView,
  UseNotificationsOptions,
} from './use-notifications';
