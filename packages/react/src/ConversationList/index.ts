export { ConversationList } from './ConversationList';
export type { ConversationListComponents, ConversationListProps } from './ConversationList';
export { ConversationRow } from './ConversationRow';
export type { ConversationRowButtonProps, ConversationRowProps } from './ConversationRow';
export { ConversationMenu } from './ConversationMenu';
export type { ConversationMenuProps } from './ConversationMenu';
