import type { ChatClient } from '@causette/core';
import { type ReactNode, useMemo } from 'react';
import { type ChatLocale, ChatContext } from './context';

/** Props of {@link ChatProvider}. */
export interface ChatProviderProps {
  /** The client every hook and component below reads, from `createChatClient`. */
  client: ChatClient;
  /** The kit's language: `'fr'` (default) or `'en'`. */
  locale?: ChatLocale;
  children?: ReactNode;
}

/**
 * Makes a `ChatClient` available to the hooks and components below it (the seed's
 * `SocketContext`). It neither connects nor destroys the client: the app owns its lifetime
 * (`client.connect()` once signed in, `client.destroy()` on sign-out).
 */
export function ChatProvider({ client, locale = 'fr', children }: ChatProviderProps) {
  if (typeof client !== 'object' || client === null || typeof client.subscribe !== 'function') {
    throw new TypeError('ChatProvider needs a client from createChatClient()');
  }
  const value = useMemo(() => ({ client, locale }), [client, locale]);
  return <ChatContext.Provider value={value}>{children}</ChatContext.Provider>;
}
