// The public surface of @causette/react. Everything else is internal and may change.

// The provider (the seed's SocketContext)
export { ChatProvider } from './provider';
export type { ChatContextValue, ChatLocale, ChatProviderProps } from './provider';

// Headless hooks over the client's store (useSyncExternalStore with selectors)
export {
  useChat,
  useChatClient,
  useChatState,
  useConnection,
  useConversation,
  useConversations,
  usePresence,
  useSearch,
  useTyping,
  useUnreadCount,
} from './hooks';
export type { ChatView, ConversationsView, SearchStatus, SearchView } from './hooks';

// Components
export { UnreadBadge } from './UnreadBadge';
export type { UnreadBadgeProps } from './UnreadBadge';
