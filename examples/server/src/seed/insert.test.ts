import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { queryRows } from '../db/raw';
import { type TestDatabase, testBackends } from '../db/test-backends';
import { seedConversationId, seedConversations } from './conversations';
import { insertSeed } from './insert';
import { seedUsers } from './users';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

describe.each(testBackends())('insertSeed on $name', (backend) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await backend.open();
  });
  afterAll(() => db.destroy());

  it('stores the demo users, conversations and histories the services then serve', async () => {
    const now = Date.now();
    expect(await insertSeed(db.db, now)).toEqual({ conversations: seedConversations(now).length });
    const lyon = seedConversationId('lyon-t2');
    const owner = seedUsers.find((u) => u.id === 'u-owner-1')!;
    const advertiser = seedUsers.find((u) => u.id === 'u-advertiser-1')!;
    const list = await db.conversations.list(advertiser.id, {});
    const seeded = list.conversations.find((c) => c.id === lyon)!;
    expect(seeded.subject).toMatchObject({ type: 'listing', id: 'L-101' });
    expect(seeded.lastSeq).toBeGreaterThan(100);
    expect(seeded.unreadCount).toBe(2);
    const page = await db.messages.history(owner.id, { conversationId: lyon, limit: 50 });
    expect(page.hasMore).toBe(true);
    expect(page.messages.at(-1)?.seq).toBe(seeded.lastSeq);
    // conversation:open on the same pair and listing finds the seeded conversation.
    const opened = await db.conversations.open(advertiser.id, {
      participantIds: [owner.id],
      subject: { type: 'listing', id: 'L-101' },
    });
    expect(opened).toMatchObject({ created: false, conversation: { id: lyon } });
    // New messages continue the seeded sequence.
    const sent = await db.messages.send(owner.id, {
      clientId: 'after-seed',
      conversationId: lyon,
      type: 'TEXT',
      content: 'Toujours disponible',
    });
    expect(sent.message.seq).toBe(seeded.lastSeq + 1);
  });

  it('is idempotent: a second run inserts nothing and keeps what users changed', async () => {
    expect(await insertSeed(db.db)).toEqual({ conversations: 0 });
    const rows = await queryRows<{ n: number }>(
      db.db,
      sql`SELECT count(*)::int AS n FROM messages WHERE client_id = 'after-seed'`,
    );
    expect(rows[0]?.n).toBe(1);
  });
});
