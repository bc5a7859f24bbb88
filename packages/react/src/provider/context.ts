import type { ChatClient } from '@causette/core';
import { createContext } from 'react';

/** The languages the kit speaks out of the box. */
export type ChatLocale = 'fr' | 'en';

/** What {@link ChatProvider} gives every hook and component below it. */
export interface ChatContextValue {
  client: ChatClient;
  locale: ChatLocale;
}

export const ChatContext = createContext<ChatContextValue | null>(null);
