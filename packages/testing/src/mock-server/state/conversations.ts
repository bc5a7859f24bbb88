import {
  CONVERSATION_LIST_DEFAULT_LIMIT,
  CONVERSATION_OPEN_REFUSED,
  type Conversation,
  type ConversationListResult,
  type ConversationOpenRequest,
} from '@causette/protocol';
import { decodeCursor, encodeCursor, isBefore, newestFirst } from './cursor';
import { MockServiceError, notAMember } from './errors';
import { type ChatStore, type ConversationRecord, memberKey } from './store';

/** What `conversation:open` did. */
export interface OpenOutcome {
  conversation: Conversation;
  created: boolean;
  memberIds: string[];
}

/** Finds or creates the conversation of these members about this subject; the caller is a member. */
export function openConversation(
  store: ChatStore,
  callerId: string,
  request: ConversationOpenRequest,
): OpenOutcome {
  const memberIds = [...new Set([callerId, ...request.participantIds])];
  if (memberIds.length < 2)
    throw new MockServiceError(
      'INVALID',
      'participantIds: must name at least one user other than you',
    );
  // As the reference server answers it: the same refusal as a policy's, naming nobody.
  const missing = memberIds.find((id) => id !== callerId && !store.users.has(id));
  if (missing !== undefined) throw new MockServiceError('FORBIDDEN', CONVERSATION_OPEN_REFUSED);
  const key = memberKey(memberIds, request.subject);
  let conversation = [...store.conversations.values()].find((c) => c.key === key);
  const created = !conversation;
  if (!conversation) {
    const at = store.now();
    conversation = {
      id: store.newId(),
      key,
      // Members who join together are listed by user id, as the reference server lists them.
      members: [...memberIds]
        .sort()
        .map((userId) => ({ userId, lastReadSeq: 0, markedUnread: false })),
      messages: [],
      createdAt: at,
      lastMessageAt: at,
    };
    if (request.subject) {
      const { type, id, title } = request.subject;
      conversation.subject = title ? { type, id, title } : { type, id };
    }
    store.conversations.set(conversation.id, conversation);
  }
  return {
    conversation: store.view(conversation, callerId),
    created,
    memberIds: conversation.members.map((m) => m.userId),
  };
}

/** One conversation as `userId` sees it; FORBIDDEN when they are not in it. */
export function getConversation(
  store: ChatStore,
  userId: string,
  conversationId: string,
): Conversation {
  const conversation = store.conversations.get(conversationId);
  if (!conversation) throw notAMember();
  return store.view(store.membership(userId, conversation.id), userId);
}

const position = (c: ConversationRecord) => ({ at: c.lastMessageAt, id: c.id });

/** A page of the user's conversations, by `lastMessageAt` newest first. */
export function listConversations(
  store: ChatStore,
  userId: string,
  page: { cursor?: string; limit?: number },
): ConversationListResult {
  const limit = page.limit ?? CONVERSATION_LIST_DEFAULT_LIMIT;
  const after = page.cursor ? decodeCursor(page.cursor) : undefined;
  const rows = store
    .conversationsOf(userId)
    .filter((c) => !after || isBefore(c.lastMessageAt, c.id, after))
    .sort((a, b) => newestFirst(position(a), position(b)));
  const pageRows = rows.slice(0, limit);
  const result: ConversationListResult = {
    conversations: pageRows.map((c) => store.view(c, userId)),
  };
  const last = pageRows.at(-1);
  if (rows.length > limit && last) result.nextCursor = encodeCursor(position(last));
  return result;
}
