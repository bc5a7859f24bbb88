import type { Conversation, Member } from '@causette/protocol';

/** The members other than `userId` (the people a one-to-one conversation is "with"). */
export function otherMembers(conversation: Conversation, userId: string | undefined): Member[] {
  return conversation.members.filter((member) => member.userId !== userId);
}

/** The display name of a member of `conversation`, or `fallback` when not a member (yet). */
export function memberName(
  conversation: Conversation | undefined,
  userId: string,
  fallback: string,
): string {
  return conversation?.members.find((member) => member.userId === userId)?.displayName ?? fallback;
}

/** "Bruno", or "Bruno, Chloé" for a group: how a conversation is named in lists and headers. */
export function conversationTitle(
  conversation: Conversation,
  userId: string | undefined,
  fallback: string,
): string {
  const names = otherMembers(conversation, userId).map((member) => member.displayName);
  return names.length > 0 ? names.join(', ') : fallback;
}
