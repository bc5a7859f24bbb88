import { selectUser } from '@causette/core';
import { type ComponentType, type ReactNode, useEffect } from 'react';
import { useChatClient } from '../hooks/use-chat-client';
import { useChatState } from '../hooks/use-chat-state';
import { useConversation } from '../hooks/use-conversations';
import { MessageInput, type MessageInputProps } from '../MessageInput';
import { MessageList, type MessageListProps } from '../MessageList';
import { useKitRoot, useStrings } from '../provider/use-kit';
import { TypingIndicator, type TypingIndicatorProps } from '../TypingIndicator';
import { conversationTitle } from '../utils/members';
import { ChatWindowHeader, type ChatWindowHeaderProps } from './ChatWindowHeader';
import { OfflineBanner, type OfflineBannerProps } from './OfflineBanner';

/** The parts of a {@link ChatWindow}, each replaceable by the app's own. */
export interface ChatWindowComponents {
  Header: ComponentType<ChatWindowHeaderProps>;
  OfflineBanner: ComponentType<OfflineBannerProps>;
  MessageList: ComponentType<MessageListProps>;
  TypingIndicator: ComponentType<TypingIndicatorProps>;
  MessageInput: ComponentType<MessageInputProps>;
}

/** Props of {@link ChatWindow}. */
export interface ChatWindowProps {
  conversationId: string;
  className?: string;
  /** Scroll to this message and highlight it, e.g. opened from `MessageSearch`. */
  focusMessageId?: string;
  /** Replaces some of the parts: `components={{ Header: MyHeader }}`. */
  components?: Partial<ChatWindowComponents>;
  /** In the header before the avatar, e.g. a back button on a phone. */
  headerStart?: ReactNode;
  /** In the header after the title. */
  headerEnd?: ReactNode;
  /** Passed to the input (`maxLength`, `autoFocus`, `onSent`). */
  inputProps?: Omit<MessageInputProps, 'conversationId'>;
}

const defaults: ChatWindowComponents = {
  Header: ChatWindowHeader,
  OfflineBanner,
  MessageList,
  TypingIndicator,
  MessageInput,
};

/**
 * One conversation, whole: the header (the other member, their presence, the listing), the
 * messages, who is typing, the input, and a banner while offline. While mounted it is the
 * client's active conversation: no notification for it while the tab is visible; the list marks
 * it read when its bottom is on screen.
 */
export function ChatWindow({
  conversationId,
  className,
  focusMessageId,
  components,
  headerStart,
  headerEnd,
  inputProps,
}: ChatWindowProps) {
  const client = useChatClient();
  const conversation = useConversation(conversationId);
  const me = useChatState(selectUser)?.userId;
  const strings = useStrings();
  const root = useKitRoot('causette-chat-window', className);
  const parts = { ...defaults, ...components };
  useEffect(() => {
    client.setActiveConversation(conversationId, { autoRead: false });
    return () => {
      // Another window may have taken over meanwhile: leave it be.
      if (client.getSnapshot().activeConversationId === conversationId) {
        client.setActiveConversation(null);
      }
    };
  }, [client, conversationId]);
  const name = conversation ? conversationTitle(conversation, me, strings.unknownUser) : undefined;
  return (
    <section {...root} aria-label={name ? strings.conversationWith(name) : undefined}>
      <parts.Header conversation={conversation} start={headerStart} end={headerEnd} />
      <parts.OfflineBanner />
      <parts.MessageList conversationId={conversationId} focusMessageId={focusMessageId} />
      <parts.TypingIndicator conversationId={conversationId} />
      <parts.MessageInput conversationId={conversationId} {...inputProps} />
    </section>
  );
}
