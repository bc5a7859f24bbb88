import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { queryRows } from '../db/raw';
import { type TestDatabase, testBackends } from '../db/test-backends';
import { createConversationHeadsLookup, headsQuery } from './conversation-heads';
import { conversationBetween, counting, text, userIds } from './test-fixtures';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 600_000 });

describe.each(testBackends())('conversation heads on $name', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await backend.open();
  }, 600_000);
  afterAll(() => database?.destroy());

  it('finds the conversations of users syncing together in one query, each their own', async () => {
    const [ana, bruno, chloe, loner] = userIds('ana', 'bruno', 'chloe', 'loner');
    const withBruno = await conversationBetween(database, [ana, bruno]);
    const withChloe = await conversationBetween(database, [ana, chloe]);
    await database.users.upsert({ id: loner, displayName: 'Seul' });
    await database.messages.send(ana, text(withBruno, 'Bonjour'));
    await database.messages.send(bruno, text(withBruno, 'Salut'));
    await database.messages.send(chloe, text(withChloe, 'Encore dispo ?'));
    const { db, statements } = counting(database.db);
    const headsOf = createConversationHeadsLookup(db);
    const [ofAna, ofBruno, ofLoner, ofAnaAgain] = await Promise.all(
      [ana, bruno, loner, ana].map((id) => headsOf(id)),
    );
    expect(statements()).toBe(1);
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    const anas = [
      { id: withBruno, lastSeq: 2 },
      { id: withChloe, lastSeq: 1 },
    ].sort(byId);
    expect(ofAna?.sort(byId)).toEqual(anas);
    expect(ofBruno).toEqual([{ id: withBruno, lastSeq: 2 }]);
    expect(ofLoner).toEqual([]);
    // Its own array: sorting one answer left the other as it was.
    expect(ofAnaAgain).not.toBe(ofAna);
    expect(ofAnaAgain?.sort(byId)).toEqual(anas);
  });

  if (backend.name === 'postgres') {
    it('looks each user up by index, never scanning the conversations table', async () => {
      const [ana] = userIds('ana');
      const plan = await queryRows<{ 'QUERY PLAN': string }>(
        database.db,
        sql`EXPLAIN ${headsQuery([ana])}`,
      );
      const text = plan.map((row) => row['QUERY PLAN']).join('\n');
      expect(text).not.toMatch(/Seq Scan on conversations\b/);
      expect(text).not.toMatch(/Hash Join/);
    });
  }
});
