import type { TypingHandle } from '@causette/core';
import { useMemo } from 'react';
import { useChatClient } from './use-chat-client';
import { type MessagesView, useMessages } from './use-messages';
import { useTyping } from './use-typing';

/** What {@link useChat} returns. */
export interface ChatView extends MessagesView {
  /** Ids of the other members typing now. */
  typingUserIds: readonly string[];
  /** Typing signals with the protocol's timing: `keystroke()` on input, `stop()` on blur. */
  typing: TypingHandle;
}

/**
 * One conversation's messages, actions and typing (the seed's `useChat`): everything a small
 * chat view needs in one hook. It re-renders on typing signals too; a component that shows only
 * messages takes {@link useMessages}.
 */
export function useChat(conversationId: string): ChatView {
  const client = useChatClient();
  const messages = useMessages(conversationId);
  const typingUserIds = useTyping(conversationId);
  const typing = useMemo(() => client.typing(conversationId), [client, conversationId]);
  return { ...messages, typingUserIds, typing };
}
