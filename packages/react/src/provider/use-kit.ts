import { useContext } from 'react';
import { type ChatLocale, type ChatStrings, defaultStrings } from '../i18n';
import { cx } from '../utils/cx';
import { ChatContext, type ChatTheme } from './context';

/** The kit's strings: the provider's locale with its overrides (French without a provider). */
export function useStrings(): ChatStrings {
  return useContext(ChatContext)?.strings ?? defaultStrings.fr;
}

/** The kit's locale (`'fr'` without a provider). */
export function useLocale(): ChatLocale {
  return useContext(ChatContext)?.locale ?? 'fr';
}

/** The props of a component's root element: the kit's scope class, its own class, the theme. */
export interface KitRootProps {
  className: string;
  'data-causette-theme': ChatTheme;
}

/**
 * Every component's outermost element carries `causette` (where the variables and every rule
 * of `styles.css` are scoped), its own `causette-<part>` class, the app's `className` and the
 * theme.
 */
export function useKitRoot(partClass: string, className?: string): KitRootProps {
  const theme = useContext(ChatContext)?.theme ?? 'light';
  return { className: cx('causette', partClass, className), 'data-causette-theme': theme };
}
