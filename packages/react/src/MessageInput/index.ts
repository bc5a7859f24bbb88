export { MessageInput } from './MessageInput';
export type { MessageInputProps } from './MessageInput';
