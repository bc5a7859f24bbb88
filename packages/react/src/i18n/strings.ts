import { type ChatWindowStrings, chatWindowEn, chatWindowFr } from './sections/chat-window';
import { type CommonStrings, commonEn, commonFr } from './sections/common';
import {
  type ConversationListStrings,
  conversationListEn,
  conversationListFr,
} from './sections/conversation-list';
import { type MessageInputStrings, messageInputEn, messageInputFr } from './sections/message-input';
import { type MessageListStrings, messageListEn, messageListFr } from './sections/message-list';
import {
  type NotificationStrings,
  notificationsEn,
  notificationsFr,
} from './sections/notifications';
import { type PresenceStrings, presenceEn, presenceFr } from './sections/presence';
import { type SearchStrings, searchEn, searchFr } from './sections/search';
import { type UnreadBadgeStrings, unreadBadgeEn, unreadBadgeFr } from './sections/unread-badge';
import { typesetFrenchStrings } from './typography';

/** The languages the kit speaks out of the box. */
export type ChatLocale = 'fr' | 'en';

/**
 * Every text the kit shows or announces. Pass some of them to `ChatProvider`'s `strings` to
 * override them; texts that depend on a value are functions.
 */
export interface ChatStrings
  extends
    CommonStrings,
    ChatWindowStrings,
    MessageListStrings,
    MessageInputStrings,
    ConversationListStrings,
    PresenceStrings,
    UnreadBadgeStrings,
    SearchStrings,
    NotificationStrings {}

const french: ChatStrings = typesetFrenchStrings({
  ...commonFr,
  ...chatWindowFr,
  ...messageListFr,
  ...messageInputFr,
  ...conversationListFr,
  ...presenceFr,
  ...unreadBadgeFr,
  ...searchFr,
  ...notificationsFr,
});

const english: ChatStrings = {
  ...commonEn,
  ...chatWindowEn,
  ...messageListEn,
  ...messageInputEn,
  ...conversationListEn,
  ...presenceEn,
  ...unreadBadgeEn,
  ...searchEn,
  ...notificationsEn,
};

/** The built-in strings of a locale. */
export const defaultStrings: Readonly<Record<ChatLocale, ChatStrings>> = {
  fr: french,
  en: english,
};
