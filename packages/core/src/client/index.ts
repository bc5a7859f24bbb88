export { DefaultChatClient, createChatClient } from './chat-client';
export type { ChatClient, ChatClientOptions, SendMessageInput, TypingHandle } from './types';
