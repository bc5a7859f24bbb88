export { ChatClientBase } from './chat-client';
export type { ChatClient, ChatClientOptions, SendMessageInput, TypingHandle } from './types';
