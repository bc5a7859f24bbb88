import type { ChatClient } from '@causette/core';
import { createContext } from 'react';
import type { ChatLocale, ChatStrings } from '../i18n';

/** The kit's colour scheme: fixed, or following the system's (`auto`). */
export type ChatTheme = 'light' | 'dark' | 'auto';

/** What {@link ChatProvider} gives every hook and component below it. */
export interface ChatContextValue {
  client: ChatClient;
  locale: ChatLocale;
  /** The locale's strings with the app's overrides. */
  strings: ChatStrings;
  theme: ChatTheme;
}

export const ChatContext = createContext<ChatContextValue | null>(null);
