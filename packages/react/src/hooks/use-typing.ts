import { selectTyping } from '@causette/core';
import { useMemo } from 'react';
import { useChatState } from './use-chat-state';

/** Ids of the members typing in a conversation (cleared 6 s after their last signal). */
export function useTyping(conversationId: string): readonly string[] {
  const selector = useMemo(() => selectTyping(conversationId), [conversationId]);
  return useChatState(selector);
}
