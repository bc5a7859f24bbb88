export { ChatProvider } from './ChatProvider';
export type { ChatProviderProps } from './ChatProvider';
export type { ChatContextValue, ChatTheme } from './context';
export { useKitRoot, useLocale, useStrings } from './use-kit';
export type { KitRootProps } from './use-kit';
