export { TypingSender } from './typing-sender';
export type { TypingEventName, TypingSenderOptions } from './typing-sender';
export { TypingTracker } from './typing-tracker';
export type { TypingTrackerOptions } from './typing-tracker';
