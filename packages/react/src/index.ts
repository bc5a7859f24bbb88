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
  useMessages,
  useNotifications,
  useUnreadCount,
} from './hooks';
export type {
  ChatView,
  ConversationsView,
  MessagesView,
  NotificationOpenHandler,
  NotificationsView,
  SearchStatus,
  SearchView,
  UseNotificationsOptions,
} from './hooks';

// Components, each built only on the hooks above
export { Avatar } from './Avatar';
export type { AvatarProps } from './Avatar';
export { ChatWindow, ChatWindowHeader, OfflineBanner } from './ChatWindow';
export type {
  ChatWindowComponents,
  ChatWindowHeaderProps,
  ChatWindowProps,
  OfflineBannerProps,
} from './ChatWindow';
export { MessageBubble, MessageList } from './MessageList';
export type {
  DaySeparatorProps,
  DeliveryState,
  LightboxImage,
  MessageBubbleProps,
  MessageListComponents,
  MessageListProps,
} from './MessageList';
export { MessageInput } from './MessageInput';
export type { MessageInputProps } from './MessageInput';
export { ConversationList, ConversationMenu, ConversationRow } from './ConversationList';
export type {
  ConversationListComponents,
  ConversationListProps,
  ConversationMenuProps,
  ConversationRowButtonProps,
  ConversationRowProps,
} from './ConversationList';
export { OnlineStatus } from './OnlineStatus';
export type { OnlineStatusProps } from './OnlineStatus';
export { UnreadBadge } from './UnreadBadge';
export type { UnreadBadgeProps } from './UnreadBadge';
export { TypingIndicator, typingText, useTypingNames } from './TypingIndicator';
export type { TypingIndicatorProps } from './TypingIndicator';
export { MessageSearch, SearchHitItem, Snippet, parseSnippet } from './MessageSearch';
export type { MessageSearchProps, SearchHitItemProps, SnippetPart } from './MessageSearch';
export { NotificationSettings } from './NotificationSettings';
export type { NotificationSettingsProps } from './NotificationSettings';
