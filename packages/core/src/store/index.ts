export { createStore } from './create-store';
export type { Store, StoreListener } from './create-store';
export * from './selectors';
export { initialChatState } from './types';
export type { ChatState, ChatUser, ConversationsState, StorageState, UnreadState } from './types';
