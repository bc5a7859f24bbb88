import { selectUnreadCount, selectUnreadTotal } from '@causette/core';
import { useMemo } from 'react';
import { useChatState } from './use-chat-state';

/** Unread messages of one conversation, or over all of them without an id (a header badge). */
export function useUnreadCount(conversationId?: string): number {
  const selector = useMemo(
    () => (conversationId === undefined ? selectUnreadTotal : selectUnreadCount(conversationId)),
    [conversationId],
  );
  return useChatState(selector);
}
