// The public surface of @causette/react. Everything else is internal and may change.

// The provider (the seed's SocketContext)
export { ChatProvider } from './provider';
export type { ChatContextValue, ChatProviderProps, ChatTheme } from './provider';
export { useKitRoot, useLocale, useStrings } from './provider';
export type { KitRootProps } from './provider';

// Languages and dates
export { defaultStrings, typesetFrench } from './i18n';
export type { ChatLocale, ChatStrings } from './i18n';

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
