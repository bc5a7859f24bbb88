import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { queryRows } from '../db/raw';
import { type TestDatabase, testBackends } from '../db/test-backends';
import { createMessagesService } from './messages.service';
import { conversationBetween, text, userIds } from './test-fixtures';

// PGlite runs PostgreSQL in WebAssembly: generous limits on slow shared machines.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 600_000 });

describe.each(testBackends())('messages service on $name', (backend) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await backend.open();
  }, 600_000);
  afterAll(() => db?.destroy());

  it('numbers messages 1, 2, 3 and moves the sender read pointer and the preview', async () => {
    const [ana, bruno] = userIds('ana', 'bruno');
    const c = await conversationBetween(db, [ana, bruno]);
    const first = await db.messages.send(ana, text(c, 'Bonjour'));
    const second = await db.messages.send(bruno, text(c, 'Salut'));
    const third = await db.messages.send(ana, text(c, 'Toujours dispo ?'));
    expect([first, second, third].map((o) => o.message.seq)).toEqual([1, 2, 3]);
    expect(first).toMatchObject({ created: true, memberIds: expect.arrayContaining([ana, bruno]) });
    expect(third.senderUnreadCleared).toBe(true);
    expect(third.senderReadAdvanced).toBe(true);
    const view = await db.conversations.get(ana, c);
    expect(view).toMatchObject({
      lastSeq: 3,
      unreadCount: 0,
      lastMessage: { id: third.message.id },
    });
    expect(view.members.find((m) => m.userId === ana)?.lastReadSeq).toBe(3);
    expect((await db.conversations.get(bruno, c)).unreadCount).toBe(1);
    // Ana's reply read Bruno's message: every other member has read it.
    const history = await db.messages.history(ana, { conversationId: c });
    expect(history.messages.find((m) => m.seq === 2)?.readAt).toEqual(expect.any(String));
    expect(history.messages.find((m) => m.seq === 3)?.readAt).toBeNull();
  });

  it('is idempotent on (sender, clientId) and refuses a clientId reused elsewhere', async () => {
    const [ana, bruno, chloe] = userIds('ana', 'bruno', 'chloe');
    const c = await conversationBetween(db, [ana, bruno]);
    const other = await conversationBetween(db, [ana, chloe]);
    const clientId = randomUUID();
    const original = await db.messages.send(ana, text(c, 'Une fois', clientId));
    const repeat = await db.messages.send(ana, text(c, 'Une fois', clientId));
    expect(repeat).toMatchObject({ created: false, message: original.message });
    // Another sender may use the same clientId.
    expect((await db.messages.send(bruno, text(c, 'Moi aussi', clientId))).created).toBe(true);
    await expect(db.messages.send(ana, text(other, 'ailleurs', clientId))).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const concurrent = randomUUID();
    const racing = await Promise.all(
      [1, 2, 3].map(() => db.messages.send(ana, text(c, 'course', concurrent))),
    );
    expect(racing.filter((o) => o.created)).toHaveLength(1);
    expect(new Set(racing.map((o) => o.message.id)).size).toBe(1);
    const { messages } = await db.messages.history(ana, { conversationId: c });
    expect(messages.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('keeps seq gap-free under concurrent senders', async () => {
    const [ana, bruno, chloe] = userIds('ana', 'bruno', 'chloe');
    const c = await conversationBetween(db, [ana, bruno, chloe]);
    const sends = [ana, bruno, chloe].flatMap((sender) =>
      Array.from({ length: 8 }, (_, i) => db.messages.send(sender, text(c, `${sender} ${i}`))),
    );
    const outcomes = await Promise.all(sends);
    const seqs = outcomes.map((o) => o.message.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect((await db.conversations.get(ana, c)).lastSeq).toBe(24);
  });

  it('refuses non-members and unknown conversations alike', async () => {
    const [ana, bruno, eve] = userIds('ana', 'bruno', 'eve');
    const c = await conversationBetween(db, [ana, bruno]);
    await db.users.upsert({ id: eve, displayName: 'Eve' });
    for (const conversationId of [c, randomUUID(), 'not-a-uuid']) {
      await expect(db.messages.send(eve, text(conversationId, 'x'))).rejects.toMatchObject({
        code: 'FORBIDDEN',
        message: 'not a member of this conversation',
      });
      await expect(db.messages.history(eve, { conversationId })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    }
  });

  it('pages history both ways, oldest first, with hasMore', async () => {
    const [ana, bruno] = userIds('ana', 'bruno');
    const c = await conversationBetween(db, [ana, bruno]);
    for (let i = 1; i <= 12; i++) await db.messages.send(i % 2 ? ana : bruno, text(c, `m${i}`));
    const seqs = (r: { messages: { seq: number }[] }) => r.messages.map((m) => m.seq);
    const latest = await db.messages.history(ana, { conversationId: c, limit: 5 });
    expect(seqs(latest)).toEqual([8, 9, 10, 11, 12]);
    expect(latest.hasMore).toBe(true);
    const older = await db.messages.history(ana, { conversationId: c, beforeSeq: 8, limit: 5 });
    expect([seqs(older), older.hasMore]).toEqual([[3, 4, 5, 6, 7], true]);
    const oldest = await db.messages.history(ana, { conversationId: c, beforeSeq: 3, limit: 5 });
    expect([seqs(oldest), oldest.hasMore]).toEqual([[1, 2], false]);
    const newer = await db.messages.history(ana, { conversationId: c, afterSeq: 2, limit: 4 });
    expect([seqs(newer), newer.hasMore]).toEqual([[3, 4, 5, 6], true]);
    const end = await db.messages.history(ana, { conversationId: c, afterSeq: 10, limit: 4 });
    expect([seqs(end), end.hasMore]).toEqual([[11, 12], false]);
    const window = await db.messages.history(ana, {
      conversationId: c,
      afterSeq: 3,
      beforeSeq: 9,
      limit: 3,
    });
    expect([seqs(window), window.hasMore]).toEqual([[4, 5, 6], true]);
    const fullWindow = await db.messages.history(ana, {
      conversationId: c,
      afterSeq: 3,
      beforeSeq: 9,
    });
    expect([seqs(fullWindow), fullWindow.hasMore]).toEqual([[4, 5, 6, 7, 8], false]);
  });

  it('syncs changed conversations, messages after each cursor, and truncates past 200', async () => {
    const [ana, bruno, chloe] = userIds('ana', 'bruno', 'chloe');
    const quiet = await conversationBetween(db, [ana, bruno], 'quiet');
    const busy = await conversationBetween(db, [ana, chloe], 'busy');
    const fresh = await conversationBetween(db, [bruno, ana], 'fresh');
    await db.messages.send(ana, text(quiet, 'q1'));
    await db.db.execute(
      sql`UPDATE conversations SET last_seq = 205, last_message_at = now() WHERE id = ${busy}::uuid`,
    );
    await db.db.execute(sql`
      INSERT INTO messages (id, client_id, conversation_id, seq, sender_id, type, content)
      SELECT gen_random_uuid(), 'c' || g, ${busy}::uuid, g, ${chloe}, 'TEXT', 'bulk ' || g FROM generate_series(1, 205) g`);
    const result = await db.messages.sync(ana, {
      [quiet]: 1,
      [busy]: 3,
      [randomUUID()]: 4,
      'c-1': 0,
    });
    expect(result.conversations.map((c) => c.id).sort()).toEqual([busy, fresh].sort());
    expect(result.truncated).toEqual([busy]);
    const busySeqs = result.messages.filter((m) => m.conversationId === busy).map((m) => m.seq);
    expect(busySeqs).toHaveLength(200);
    expect([busySeqs[0], busySeqs.at(-1)]).toEqual([4, 203]);
    // A conversation the client has no cursor for comes without messages: it pages it when shown.
    expect(result.messages.some((m) => m.conversationId === fresh)).toBe(false);
  });

  it("syncs any number of conversations behind in two statements, the caller's only", async () => {
    const [ana, bruno, eve] = userIds('ana', 'bruno', 'eve');
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const c = await conversationBetween(db, [ana, bruno], `many-${i}`);
      for (let k = 1; k <= 3; k++) await db.messages.send(bruno, text(c, `m${i}-${k}`));
      ids.push(c);
    }
    const theirs = await conversationBetween(db, [bruno, eve], 'theirs');
    await db.messages.send(eve, text(theirs, 'not for ana'));
    let statements = 0;
    const counted = new Proxy(db.db, {
      get(target, property, receiver) {
        if (property !== 'execute') return Reflect.get(target, property, receiver) as unknown;
        return (...args: Parameters<typeof target.execute>) => {
          statements += 1;
          return target.execute(...args);
        };
      },
    });
    const service = createMessagesService(counted, db.conversations);
    // Each conversation behind by a different amount; one current; one not ana's.
    const cursors: Record<string, number> = { [theirs]: 0 };
    ids.forEach((id, i) => (cursors[id] = i === 5 ? 3 : i % 3));
    const result = await service.sync(ana, cursors);
    expect(statements).toBe(2);
    expect(result.messages.map((m) => m.content)).toEqual(
      ids
        .slice(0, 5)
        .flatMap((_, i) => [1, 2, 3].filter((k) => k > i % 3).map((k) => `m${i}-${k}`)),
    );
    expect(result.conversations.map((c) => c.id).sort()).toEqual(ids.slice(0, 5).sort());
    expect(result.truncated).toEqual([]);
    statements = 0;
    await service.sync(ana, Object.fromEntries(ids.map((id) => [id, 3])));
    expect(statements).toBe(1);
  });

  it('serves a history page of a 100k-message conversation from the (conversation_id, seq) index', async () => {
    const [ana, bruno] = userIds('ana', 'bruno');
    const c = await conversationBetween(db, [ana, bruno]);
    await db.db.execute(sql`
      INSERT INTO messages (id, client_id, conversation_id, seq, sender_id, type, content, read_at)
      SELECT gen_random_uuid(), 'bulk-' || g, ${c}::uuid, g, ${ana}, 'TEXT', '', now()
      FROM generate_series(1, 100000) g`);
    await db.db.execute(sql`UPDATE conversations SET last_seq = 100000 WHERE id = ${c}::uuid`);
    await db.db.execute(sql`ANALYZE messages`);
    const page = await db.messages.history(ana, {
      conversationId: c,
      beforeSeq: 50_001,
      limit: 50,
    });
    expect(page.messages.map((m) => m.seq)).toEqual(
      Array.from({ length: 50 }, (_, i) => 49_951 + i),
    );
    for (const range of [sql`seq < 50001 ORDER BY seq DESC`, sql`seq > 50000 ORDER BY seq ASC`]) {
      const plan = await queryRows<Record<string, string>>(
        db.db,
        sql`EXPLAIN SELECT id, seq, content FROM messages WHERE conversation_id = ${c}::uuid AND ${range} LIMIT 51`,
      );
      const text = plan.map((row) => Object.values(row).join('')).join('\n');
      expect(text).toMatch(/Index Scan( Backward)? using messages_conversation_seq_unique/);
      expect(text).not.toMatch(/Seq Scan|Sort/);
    }
  }, 600_000);
});
