export { ChatProvider } from './ChatProvider';
export type { ChatProviderProps } from './ChatProvider';
export type { ChatContextValue, ChatLocale } from './context';
