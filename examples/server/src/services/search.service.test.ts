import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
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
});
