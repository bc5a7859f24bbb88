// Puts the demo data into a database, once: every id is stable, so a second run finds the rows
// and leaves them (and whatever users did to them since) alone.
import type { Db } from '../db/connection';
import { conversationMembers, conversations, messages, userPresence, users } from '../db/schema';
import { memberKey } from '../services/conversations.service';
import { seedConversations, seedPresence } from './conversations';
import type { SeedConversation } from './types';
import { seedUsers } from './users';

/** What {@link insertSeed} did. */
export interface SeedOutcome {
  /** Conversations inserted by this run (0 when the seed was already there). */
  conversations: number;
}

/**
 * Inserts the demo users, their presence and the demo conversations with their histories, timed
 * relative to `now`. Idempotent: rows that exist are kept as they are.
 */
export async function insertSeed(db: Db, now: number = Date.now()): Promise<SeedOutcome> {
  return db.transaction(async (tx) => {
    await tx
      .insert(users)
      .values(
        seedUsers.map((user) => ({
          id: user.id,
          displayName: user.displayName,
          avatarUrl: user.avatarUrl ?? null,
          role: user.role,
        })),
      )
      .onConflictDoNothing({ target: users.id });
    await tx
      .insert(userPresence)
      .values(
        seedPresence(now).map((p) => ({
          userId: p.userId,
          isOnline: false,
          lastSeen: new Date(p.lastSeen),
        })),
      )
      .onConflictDoNothing({ target: userPresence.userId });
    let inserted = 0;
    for (const conversation of seedConversations(now)) {
      if (await insertConversation(tx as unknown as Db, conversation)) inserted++;
    }
    return { conversations: inserted };
  });
}

async function insertConversation(db: Db, seed: SeedConversation): Promise<boolean> {
  const last = seed.messages.at(-1);
  const created = await db
    .insert(conversations)
    .values({
      id: seed.id,
      subjectType: seed.subject.type,
      subjectId: seed.subject.id,
      subjectTitle: seed.subject.title ?? null,
      memberKey: memberKey(
        seed.members.map((m) => m.userId),
        seed.subject,
      ),
      lastSeq: last?.seq ?? 0,
      lastMessageAt: new Date(last?.createdAt ?? seed.createdAt),
      createdAt: new Date(seed.createdAt),
    })
    .onConflictDoNothing()
    .returning({ id: conversations.id });
  if (created.length === 0) return false;
  await db.insert(conversationMembers).values(
    seed.members.map((m) => ({
      conversationId: seed.id,
      userId: m.userId,
      lastReadSeq: m.lastReadSeq,
      markedUnread: m.markedUnread,
      joinedAt: new Date(seed.createdAt),
    })),
  );
  if (seed.messages.length > 0) {
    await db.insert(messages).values(
      seed.messages.map((m) => ({
        id: m.id,
        clientId: m.clientId,
        conversationId: m.conversationId,
        seq: m.seq,
        senderId: m.senderId,
        type: m.type,
        content: m.content,
        createdAt: new Date(m.createdAt),
        readAt: m.readAt === null ? null : new Date(m.readAt),
      })),
    );
  }
  return true;
}
