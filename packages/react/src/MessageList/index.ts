export { MessageList } from './MessageList';
export type { MessageListComponents, MessageListProps } from './MessageList';
export { MessageBubble } from './MessageBubble';
export type { DeliveryState, MessageBubbleProps } from './MessageBubble';
export type { DaySeparatorProps } from './parts';
export type { LightboxImage } from './Lightbox';
