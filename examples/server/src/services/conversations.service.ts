import { createHash } from 'node:crypto';
import {
  CONVERSATION_LIST_DEFAULT_LIMIT,
  type Conversation,
  type ConversationListResult,
  type ConversationOpenRequest,
  type ConversationSubject,
} from '@causette/protocol';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { conversationMembers, conversations } from '../db/schema';
import { createContactsLookup } from './contacts';
import { createViewsLookup } from './conversation-views';
import { createMemberListsLookup } from './member-lists';
import { decodeCursor, encodeCursor } from './cursor';
import { ServiceError, conversationRefused, notAMember } from './errors';
import { isUuid, newId } from './ids';
import { MemberCache } from './member-cache';
import type { UsersService } from './users.service';

export interface OpenOutcome {
  conversation: Conversation;
  created: boolean;
  memberIds: string[];
}

export interface ConversationsService {
  isMember(userId: string, conversationId: string): Promise<boolean>;
  /** Throws FORBIDDEN unless `userId` belongs to the conversation. */
  assertMember(userId: string, conversationId: string): Promise<void>;
  memberIds(conversationId: string): Promise<string[]>;
  /** Idempotent per member set and subject; the caller is always a member. */
  open(callerId: string, request: ConversationOpenRequest): Promise<OpenOutcome>;
  get(userId: string, conversationId: string): Promise<Conversation>;
  list(userId: string, page: { cursor?: string; limit?: number }): Promise<ConversationListResult>;
  /** Conversations as `userId` sees them, in the order of `ids`; ids they cannot see are left out. */
  views(userId: string, ids: readonly string[]): Promise<Conversation[]>;
  /** Users who share at least one conversation with `userId` (not `userId`). */
  contacts(userId: string): Promise<string[]>;
  /** The ids among `otherIds` that share a conversation with `userId` (and `userId` itself). */
  sharing(userId: string, otherIds: readonly string[]): Promise<Set<string>>;
}

/** Same members and subject give the same key, whatever the order the ids came in. */
export function memberKey(memberIds: readonly string[], subject?: ConversationSubject): string {
  const payload = JSON.stringify([
    [...memberIds].sort(),
    subject?.type ?? null,
    subject?.id ?? null,
  ]);
  return createHash('sha256').update(payload).digest('hex');
}

export function createConversationsService(
  db: Db,
  usersService: UsersService,
): ConversationsService {
  const contactsOf = createContactsLookup(db);
  const memberListOf = createMemberListsLookup(db);
  const members = new MemberCache(async (conversationId) =>
    isUuid(conversationId) ? memberListOf(conversationId) : [],
  );

  async function isMember(userId: string, conversationId: string): Promise<boolean> {
    return members.isMember(userId, conversationId);
  }

  const views = createViewsLookup(db);

  async function findByKey(key: string): Promise<string | undefined> {
    const rows = await db
      .select({ id: conversations.id })
      .from(conversations)
      .where(eq(conversations.memberKey, key));
    return rows[0]?.id;
  }

  return {
    isMember,

    async assertMember(userId, conversationId) {
      if (!(await isMember(userId, conversationId))) throw notAMember();
    },

    async memberIds(conversationId) {
      return [...(await members.memberIds(conversationId))];
    },

    async open(callerId, request) {
      const memberIds = [...new Set([callerId, ...request.participantIds])];
      if (memberIds.length < 2) {
        throw new ServiceError(
          'INVALID',
          'participantIds: must name at least one user other than you',
        );
      }
      const missing = await usersService.missing(memberIds.filter((id) => id !== callerId));
      if (missing.length > 0) throw conversationRefused();
      const key = memberKey(memberIds, request.subject);
      let id = await findByKey(key);
      let created = false;
      if (!id) {
        const newIdValue = newId();
        const inserted = await db.transaction(async (tx) => {
          const rows = await tx
            .insert(conversations)
            .values({
              id: newIdValue,
              memberKey: key,
              subjectType: request.subject?.type ?? null,
              subjectId: request.subject?.id ?? null,
              subjectTitle: request.subject?.title ?? null,
            })
            // A concurrent open of the same members won: use theirs.
            .onConflictDoNothing({ target: conversations.memberKey })
            .returning({ id: conversations.id });
          if (rows.length === 0) return false;
          await tx
            .insert(conversationMembers)
            .values(memberIds.map((userId) => ({ conversationId: newIdValue, userId })));
          return true;
        });
        created = inserted;
        id = inserted ? newIdValue : await findByKey(key);
      }
      const [conversation] = id ? await views(callerId, [id]) : [];
      if (!conversation) throw new ServiceError('INTERNAL', 'conversation vanished while opening');
      const ids = conversation.members.map((m) => m.userId);
      members.remember(conversation.id, ids);
      return { conversation, created, memberIds: ids };
    },

    async get(userId, conversationId) {
      const [conversation] = await views(userId, [conversationId]);
      if (!conversation) throw notAMember();
      return conversation;
    },

    async list(userId, page) {
      const limit = page.limit ?? CONVERSATION_LIST_DEFAULT_LIMIT;
      const after = page.cursor ? decodeCursor(page.cursor) : undefined;
      const rows = await db
        .select({ id: conversations.id, lastMessageAt: conversations.lastMessageAt })
        .from(conversationMembers)
        .innerJoin(conversations, eq(conversations.id, conversationMembers.conversationId))
        .where(
          and(
            eq(conversationMembers.userId, userId),
            after
              ? sql`(${conversations.lastMessageAt}, ${conversations.id}) < (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)`
              : undefined,
          ),
        )
        .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
        .limit(limit + 1);
      const pageRows = rows.slice(0, limit);
      const last = pageRows.at(-1);
      const result: ConversationListResult = {
        conversations: await views(
          userId,
          pageRows.map((r) => r.id),
        ),
      };
      if (rows.length > limit && last)
        result.nextCursor = encodeCursor({ at: last.lastMessageAt, id: last.id });
      return result;
    },

    views,

    contacts: (userId) => contactsOf(userId),

    async sharing(userId, otherIds) {
      const result = new Set<string>();
      if (otherIds.includes(userId)) result.add(userId);
      const others = otherIds.filter((id) => id !== userId);
      if (others.length === 0) return result;
      const mine = db
        .select({ id: conversationMembers.conversationId })
        .from(conversationMembers)
        .where(eq(conversationMembers.userId, userId));
      const rows = await db
        .selectDistinct({ userId: conversationMembers.userId })
        .from(conversationMembers)
        .where(
          and(
            inArray(conversationMembers.conversationId, mine),
            inArray(conversationMembers.userId, others),
          ),
        );
      for (const row of rows) result.add(row.userId);
      return result;
    },
  };
}
