export { TypingIndicator, typingText, useTypingNames } from './TypingIndicator';
export type { TypingIndicatorProps } from './TypingIndicator';
