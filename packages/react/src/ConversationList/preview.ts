import type { Conversation } from '@causette/protocol';
import type { ChatStrings } from '../i18n';
import { conversationTitle, memberName, otherMembers } from '../utils/members';

/** What a row shows under the name: who sent the last message, and what. */
export interface ConversationPreview {
  /** "Vous", or the sender's first name in a group; absent in a one-to-one from the other. */
  sender?: string;
  /** The text, or "📷 Photo" (with its caption) for an image. */
  text: string;
}

/** The preview of a conversation's last message, or `undefined` when it has none. */
export function conversationPreview(
  conversation: Conversation,
  userId: string | undefined,
  strings: Pick<ChatStrings, 'you' | 'photo' | 'unknownUser'>,
): ConversationPreview | undefined {
  const message = conversation.lastMessage;
  if (!message) return undefined;
  const caption = message.content.trim();
  const text =
    message.type === 'IMAGE'
      ? caption
        ? `${strings.photo} · ${caption}`
        : strings.photo
      : caption;
  if (message.type === 'SYSTEM') return { text };
  if (userId !== undefined && message.senderId === userId) return { sender: strings.you, text };
  if (otherMembers(conversation, userId).length > 1) {
    const name = memberName(conversation, message.senderId, strings.unknownUser);
    return { sender: name.trim().split(/\s+/)[0] ?? name, text };
  }
  return { text };
}

/** Lower case without accents, so "chloe" finds "Chloé" and "CHLOÉ". */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The conversations whose other members' names or subject title contain `query`. */
export function filterConversations(
  conversations: readonly Conversation[],
  userId: string | undefined,
  query: string,
  fallbackName: string,
): readonly Conversation[] {
  const needle = foldForSearch(query.trim());
  if (!needle) return conversations;
  return conversations.filter((conversation) => {
    const haystack = `${conversationTitle(conversation, userId, fallbackName)}\n${
      conversation.subject?.title ?? ''
    }`;
    return foldForSearch(haystack).includes(needle);
  });
}
