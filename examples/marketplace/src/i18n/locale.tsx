import type { ChatLocale } from '@causette/react';
import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import { type AppStrings, appStrings } from './strings';

const KEY = 'causette-demo:locale';

interface LocaleValue {
  locale: ChatLocale;
  setLocale: (locale: ChatLocale) => void;
  strings: AppStrings;
}

const LocaleContext = createContext<LocaleValue | null>(null);

function storedLocale(): ChatLocale {
  return localStorage.getItem(KEY) === 'en' ? 'en' : 'fr';
}

/** French first; the switch is remembered in this browser. */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocale] = useState<ChatLocale>(storedLocale);
  useEffect(() => {
    localStorage.setItem(KEY, locale);
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo(() => ({ locale, setLocale, strings: appStrings[locale] }), [locale]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useAppLocale(): LocaleValue {
  const value = useContext(LocaleContext);
  if (!value) throw new Error('useAppLocale needs a LocaleProvider');
  return value;
}
