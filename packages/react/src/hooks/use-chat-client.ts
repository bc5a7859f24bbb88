import type { ChatClient } from '@causette/core';
import { useContext } from 'react';
import { type ChatContextValue, ChatContext } from '../provider/context';

/** The provider's value; throws a clear error outside a {@link ChatProvider}. */
export function useChatContext(): ChatContextValue {
  const value = useContext(ChatContext);
  if (!value) throw new Error('Causette hooks need a <ChatProvider client={...}> above them');
  return value;
}

/** The `ChatClient` of the nearest `ChatProvider`, for calls no hook wraps. */
export function useChatClient(): ChatClient {
  return useChatContext().client;
}
