import type { ChatClient } from '@causette/core';
import { type ReactNode, useMemo, useState } from 'react';
import { type ChatLocale, type ChatStrings, defaultStrings } from '../i18n';
import { ChatContext, type ChatTheme } from './context';

/** Props of {@link ChatProvider}. */
export interface ChatProviderProps {
  /** The client every hook and component below reads, from `createChatClient`. */
  client: ChatClient;
  /** The kit's language: `'fr'` (default) or `'en'`; also the dates' language. */
  locale?: ChatLocale;
  /** Texts to replace in the locale's built-in ones, e.g. `{ placeholder: 'Votre réponse…' }`. */
  strings?: Partial<ChatStrings>;
  /** `'light'` (default), `'dark'`, or `'auto'` to follow the system. */
  theme?: ChatTheme;
  children?: ReactNode;
}

const LOCALES: readonly ChatLocale[] = ['fr', 'en'];
const THEMES: readonly ChatTheme[] = ['light', 'dark', 'auto'];

/**
 * Makes a `ChatClient` available to the hooks and components below it (the seed's
 * `SocketContext`), with the kit's language, texts and theme. It neither connects nor destroys
 * the client: the app owns its lifetime (`client.connect()` once signed in, `client.destroy()`
 * on sign-out).
 */
export function ChatProvider({
  client,
  locale = 'fr',
  strings,
  theme = 'light',
  children,
}: ChatProviderProps) {
  if (typeof client !== 'object' || client === null || typeof client.subscribe !== 'function') {
    throw new TypeError('ChatProvider needs a client from createChatClient()');
  }
  if (!LOCALES.includes(locale)) {
    throw new TypeError(`ChatProvider: locale must be 'fr' or 'en', not ${JSON.stringify(locale)}`);
  }
  if (!THEMES.includes(theme)) {
    throw new TypeError(
      `ChatProvider: theme must be 'light', 'dark' or 'auto', not ${JSON.stringify(theme)}`,
    );
  }
  const overrides = useShallowStable(strings);
  const value = useMemo(
    () => ({ client, locale, theme, strings: { ...defaultStrings[locale], ...overrides } }),
    [client, locale, theme, overrides],
  );
  return <ChatContext.Provider value={value}>{children}</ChatContext.Provider>;
}

/** The same object while its entries are the same: `strings={{ … }}` inline re-renders nothing. */
function useShallowStable<T extends object>(value: T | undefined): T | undefined {
  const [kept, setKept] = useState(value);
  if (shallowEqual(kept, value)) return kept;
  // Derived state, updated during render as React documents it: no extra commit.
  setKept(value);
  return value;
}

function shallowEqual(a: object | undefined, b: object | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  const entries = Object.entries(b);
  return (
    Object.keys(a).length === entries.length &&
    entries.every(([key, entry]) => (a as Record<string, unknown>)[key] === entry)
  );
}
