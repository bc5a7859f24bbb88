export type { ChatClientEventName, ChatClientEvents, ChatNotification } from './types';
