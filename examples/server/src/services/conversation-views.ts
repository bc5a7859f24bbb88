import type { Conversation, Member } from '@causette/protocol';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { conversationMembers, conversations, messages, users } from '../db/schema';
import { CONNECT_LINGER_MS, GroupRunner } from './group-runner';
import { isUuid } from './ids';
import { type MessageRow, messageColumns, toMessage } from './mappers';
import { unreadCount } from './unread';

interface ViewsRequest {
  userId: string;
  ids: readonly string[];
}

/** The most requests one group of queries answers. */
export const MAX_VIEW_REQUESTS_PER_GROUP = 64;

/**
 * Conversations as a user sees them (members, last message, their unread count), for many users
 * at once: three statements serve every request of a group. After a restart every client syncs
 * within seconds, and each one behind asks for the views of what changed.
 */
export function createViewsLookup(
  db: Db,
): (userId: string, ids: readonly string[]) => Promise<Conversation[]> {
  const runner = new GroupRunner<ViewsRequest, Conversation[]>(
    async (requests) => {
      const built = await buildViews(db, requests);
      return built.map((value) => ({ status: 'fulfilled', value }));
    },
    { maxGroup: MAX_VIEW_REQUESTS_PER_GROUP, lingerMs: CONNECT_LINGER_MS },
  );
  return async (userId, ids) => {
    const wanted = ids.filter(isUuid);
    return wanted.length === 0 ? [] : runner.run({ userId, ids: wanted });
  };
}

/** One answer per request, in order; ids the user is not a member of are left out. */
async function buildViews(db: Db, requests: readonly ViewsRequest[]): Promise<Conversation[][]> {
  const userIds = [...new Set(requests.map((request) => request.userId))];
  const wanted = [...new Set(requests.flatMap((request) => request.ids))];
  const [heads, members, previews] = await Promise.all([
    // Every membership of these users among these conversations: a superset of the pairs asked
    // (a user is a member of few of them), filtered per request below.
    db
      .select({
        userId: conversationMembers.userId,
        id: conversations.id,
        subjectType: conversations.subjectType,
        subjectId: conversations.subjectId,
        subjectTitle: conversations.subjectTitle,
        lastSeq: conversations.lastSeq,
        lastMessageAt: conversations.lastMessageAt,
        lastReadSeq: conversationMembers.lastReadSeq,
        markedUnread: conversationMembers.markedUnread,
      })
      .from(conversations)
      .innerJoin(
        conversationMembers,
        and(
          eq(conversationMembers.conversationId, conversations.id),
          inArray(conversationMembers.userId, userIds),
        ),
      )
      .where(inArray(conversations.id, wanted)),
    db
      .select({
        conversationId: conversationMembers.conversationId,
        userId: conversationMembers.userId,
        lastReadSeq: conversationMembers.lastReadSeq,
        displayName: users.displayName,
        avatarUrl: users.avatarUrl,
        role: users.role,
      })
      .from(conversationMembers)
      .innerJoin(users, eq(users.id, conversationMembers.userId))
      .where(inArray(conversationMembers.conversationId, wanted))
      .orderBy(asc(conversationMembers.joinedAt), asc(conversationMembers.userId)),
    db
      .select(messageColumns)
      .from(messages)
      .innerJoin(
        conversations,
        and(eq(conversations.id, messages.conversationId), eq(messages.seq, conversations.lastSeq)),
      )
      .where(inArray(conversations.id, wanted)),
  ]);
  const membersOf = new Map<string, Member[]>();
  for (const row of members) {
    const member: Member = {
      userId: row.userId,
      displayName: row.displayName,
      lastReadSeq: row.lastReadSeq,
    };
    if (row.avatarUrl) member.avatarUrl = row.avatarUrl;
    if (row.role) member.role = row.role;
    const list = membersOf.get(row.conversationId) ?? [];
    list.push(member);
    membersOf.set(row.conversationId, list);
  }
  const previewOf = new Map(previews.map((row) => [row.conversationId, row as MessageRow]));
  const headOf = new Map(heads.map((row) => [`${row.userId}\n${row.id}`, row]));
  return requests.map(({ userId, ids }) =>
    ids.flatMap((id) => {
      const head = headOf.get(`${userId}\n${id}`);
      if (!head) return [];
      const conversation: Conversation = {
        id,
        // Copies: each answer is its caller's to change.
        members: (membersOf.get(id) ?? []).map((member) => ({ ...member })),
        lastSeq: head.lastSeq,
        lastMessageAt: head.lastMessageAt.toISOString(),
        unreadCount: unreadCount(head.lastSeq, head.lastReadSeq, head.markedUnread),
        markedUnread: head.markedUnread,
      };
      if (head.subjectType && head.subjectId) {
        conversation.subject = { type: head.subjectType, id: head.subjectId };
        if (head.subjectTitle) conversation.subject.title = head.subjectTitle;
      }
      const preview = previewOf.get(id);
      if (preview) conversation.lastMessage = toMessage(preview);
      return [conversation];
    }),
  );
}
