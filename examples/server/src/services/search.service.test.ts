import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/raw';
import { type TestDatabase, testBackends } from '../db/test-backends';
import { conversationBetween, text, userIds } from './test-fixtures';

// PGlite runs PostgreSQL in WebAssembly: generous limits on slow shared machines.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 600_000 });

describe.each(testBackends())('message search on $name', (backend) => {
  let db: TestDatabase;
  let ana: string;
  let bruno: string;
  let eve: string;
  let lyon: string;
  let paris: string;
  let secret: string;

  beforeAll(async () => {
    db = await backend.open();
    [ana, bruno, eve] = userIds('ana', 'bruno', 'eve');
    lyon = await conversationBetween(db, [ana, bruno], 'lyon');
    paris = await conversationBetween(db, [ana, bruno], 'paris');
    secret = await conversationBetween(db, [bruno, eve], 'secret');
    const lines: [string, string, string][] = [
      [lyon, ana, "L'appartement est libre cet été."],
      [lyon, bruno, 'Les appartements du 3e ont un balcon, pas de garage.'],
      [lyon, ana, 'Le garage est en option <b>payant</b> & négociable.'],
      [paris, bruno, 'Visite possible samedi pour le T2 à Paris'],
      [paris, ana, 'Je préfère dimanche, été comme hiver.'],
      [secret, eve, "L'été est secret ici, appartement caché"],
    ];
    for (const [conversationId, sender, content] of lines)
      await db.messages.send(sender, text(conversationId, content));
  }, 600_000);
  afterAll(() => db?.destroy());

  const contents = async (query: string, extra: { conversationId?: string } = {}) =>
    (await db.search.search(ana, { query, ...extra })).hits.map((h) => h.message.content);

  it('is accent-insensitive: "ete" finds "été", newest first, only in the caller\'s conversations', async () => {
    expect(await contents('ete')).toEqual([
      'Je préfère dimanche, été comme hiver.',
      "L'appartement est libre cet été.",
    ]);
    expect(await contents('ÉTÉ')).toHaveLength(2);
  });

  it('stems French: "appartements" finds "appartement" and the reverse', async () => {
    expect(await contents('appartements')).toEqual([
      'Les appartements du 3e ont un balcon, pas de garage.',
      "L'appartement est libre cet été.",
    ]);
    expect(await contents('appartement')).toHaveLength(2);
  });

  it('matches a partial last word as a prefix', async () => {
    expect(await contents('appar')).toHaveLength(2);
    expect(await contents('négo')).toEqual(['Le garage est en option <b>payant</b> & négociable.']);
    expect(await contents('nego')).toHaveLength(1);
  });

  it('takes quotes, operators and junk without erroring', async () => {
    expect(await contents('"dimanche ete"')).toEqual(['Je préfère dimanche, été comme hiver.']);
    expect(await contents('"ete dimanche"')).toEqual([]);
    expect(await contents('garage -balcon')).toEqual([
      'Le garage est en option <b>payant</b> & négociable.',
    ]);
    expect(await contents('balcon or samedi')).toHaveLength(2);
    for (const junk of ["'", '"', '&|!():*', '-', 'or', '<->', "l'", '\\', '))((']) {
      await expect(db.search.search(ana, { query: junk })).resolves.toMatchObject({
        hits: expect.any(Array),
      });
    }
  });

  it('marks matches with <mark> and nothing else: the message text is escaped', async () => {
    const [hit] = (await db.search.search(ana, { query: 'negociable' })).hits;
    expect(hit?.snippet).toContain('<mark>négociable</mark>');
    expect(hit?.snippet).toContain('&lt;b&gt;payant&lt;/b&gt; &amp;');
    expect(hit?.snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
    const [accented] = (await db.search.search(ana, { query: 'ete', conversationId: lyon })).hits;
    expect(accented?.snippet).toContain('<mark>été</mark>');
  });

  it("filters by conversation, refuses other people's conversations, pages with a cursor", async () => {
    expect(await contents('ete', { conversationId: paris })).toEqual([
      'Je préfère dimanche, été comme hiver.',
    ]);
    for (const conversationId of [secret, randomUUID(), 'x']) {
      await expect(db.search.search(ana, { query: 'ete', conversationId })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    }
    const first = await db.search.search(ana, { query: 'le', limit: 2 });
    expect(first.hits).toHaveLength(2);
    const second = await db.search.search(ana, { query: 'le', limit: 2, cursor: first.nextCursor });
    const ids = [...first.hits, ...second.hits].map((h) => h.message.id);
    expect(new Set(ids).size).toBe(ids.length);
    const all = (await db.search.search(ana, { query: 'le', limit: 50 })).hits.map(
      (h) => h.message.id,
    );
    expect(ids).toEqual(all.slice(0, ids.length));
  });
  it("walks back through time exactly: pages across slices, ties and only the caller's conversations", async () => {
    const [zoe, yann, xavier] = userIds('zoe', 'yann', 'xavier');
    const mineA = await conversationBetween(db, [zoe, yann], 'walk-a');
    const mineB = await conversationBetween(db, [zoe, xavier], 'walk-b');
    const theirs = await conversationBetween(db, [yann, xavier], 'walk-c');
    // Ages from seconds to a year, some equal (ties go by id), across every slice of the walk.
    const ages = [
      '0 minutes',
      '30 minutes',
      '2 hours',
      '2 hours',
      '12 hours',
      '2 days',
      '2 days',
      '5 days',
      '40 days',
      '400 days',
      '400 days',
    ];
    const conversationsInTurn = [mineA, mineB, theirs];
    let k = 0;
    for (const age of ages) {
      for (const conversationId of conversationsInTurn) {
        const sender = conversationId === mineB ? xavier : yann;
        const word = k % 4 === 0 ? 'pergola' : 'cloison';
        const sent = await db.messages.send(sender, text(conversationId, `${word} numéro ${k}`));
        await db.db.execute(
          sql`UPDATE messages SET created_at = date_trunc('second', now()) - ${age}::interval WHERE id = ${sent.message.id}::uuid`,
        );
        k += 1;
      }
    }
    // What the search must answer: every hit of the caller's conversations, newest first.
    const expected = async (word: string, conversationId?: string) =>
      (
        await queryRows<{ id: string }>(
          db.db,
          sql`SELECT m.id FROM messages m
              WHERE m.conversation_id IN (SELECT conversation_id FROM conversation_members WHERE user_id = ${zoe})
                AND m.content LIKE ${`${word}%`}
                AND (${conversationId ?? null}::uuid IS NULL OR m.conversation_id = ${conversationId ?? null}::uuid)
              ORDER BY m.created_at DESC, m.id DESC`,
        )
      ).map((row) => row.id);
    const paged = async (query: string, limit: number, conversationId?: string) => {
      const ids: string[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 50; pages++) {
        const page = await db.search.search(zoe, { query, limit, cursor, conversationId });
        ids.push(...page.hits.map((hit) => hit.message.id));
        for (const hit of page.hits) expect([mineA, mineB]).toContain(hit.message.conversationId);
        if (!page.nextCursor) return ids;
        cursor = page.nextCursor;
      }
      throw new Error('too many pages');
    };
    for (const word of ['pergola', 'cloison']) {
      const all = await expected(word);
      expect(all.length).toBeGreaterThan(4);
      for (const limit of [1, 2, 3, 50]) expect(await paged(word, limit)).toEqual(all);
      expect(await paged(word, 2, mineB)).toEqual(await expected(word, mineB));
    }
  });
  it('finds a rare word past many recent messages, through the full-text index, exactly', async () => {
    const [ines, jules, karl] = userIds('ines', 'jules', 'karl');
    const recent = await conversationBetween(db, [ines, jules], 'rare-a');
    const old = await conversationBetween(db, [ines, karl], 'rare-b');
    const theirs = await conversationBetween(db, [jules, karl], 'rare-c');
    // Hundreds of recent messages without the word: the walk calls it rare and hands over.
    await db.db.execute(sql`
      INSERT INTO messages (id, client_id, conversation_id, seq, sender_id, type, content, created_at)
      SELECT gen_random_uuid(), 'noise-' || g, ${recent}::uuid, 1000 + g, ${jules}, 'TEXT',
             'rien à signaler ' || g, now() - g * interval '1 minute'
      FROM generate_series(1, 400) g`);
    const hits: string[] = [];
    for (const [conversationId, sender, days] of [
      [old, karl, 10],
      [recent, jules, 20],
      [theirs, karl, 15],
      [old, karl, 30],
      [recent, jules, 30],
    ] as const) {
      const sent = await db.messages.send(
        sender,
        text(conversationId, `une lucarne, ${days} jours`),
      );
      await db.db.execute(
        sql`UPDATE messages SET created_at = date_trunc('second', now()) - ${days} * interval '1 day' WHERE id = ${sent.message.id}::uuid`,
      );
      if (conversationId !== theirs) hits.push(sent.message.id);
    }
    // Newest first; the two 30-day-old ones tie on time and go by id.
    const [a, b, c, d] = hits as [string, string, string, string];
    const expected = [a, b, ...[c, d].sort().reverse()];
    const all = await db.search.search(ines, { query: 'lucarnes' });
    expect(all.hits.map((hit) => hit.message.id)).toEqual(expected);
    expect(all.hits[0]?.snippet).toContain('<mark>lucarne</mark>');
    const first = await db.search.search(ines, { query: 'lucarne', limit: 3 });
    const second = await db.search.search(ines, {
      query: 'lucarne',
      limit: 3,
      cursor: first.nextCursor,
    });
    expect([...first.hits, ...second.hits].map((hit) => hit.message.id)).toEqual(expected);
    expect(second.nextCursor).toBeUndefined();
  });
});
