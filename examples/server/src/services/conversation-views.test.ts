import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type TestDatabase, testBackends } from '../db/test-backends';
import { createViewsLookup } from './conversation-views';
import { conversationBetween, counting, text, userIds } from './test-fixtures';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 600_000 });

describe.each(testBackends())('conversation views on $name', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await backend.open();
  }, 600_000);
  afterAll(() => database?.destroy());

  it('answers users asking together with three statements, each with their own view', async () => {
    const [ana, bruno, chloe] = userIds('ana', 'bruno', 'chloe');
    const pair = await conversationBetween(database, [ana, bruno]);
    const other = await conversationBetween(database, [bruno, chloe]);
    await database.messages.send(ana, text(pair, 'Bonjour'));
    const last = await database.messages.send(ana, text(pair, 'Toujours dispo ?'));
    await database.messages.send(chloe, text(other, 'Salut'));
    const { db, statements } = counting(database.db);
    const viewsOf = createViewsLookup(db);
    const [ofAna, ofBruno, ofChloe, ofAnaAgain] = await Promise.all([
      viewsOf(ana, [pair, other]),
      viewsOf(bruno, [pair, other]),
      viewsOf(chloe, [pair, 'not-a-uuid']),
      viewsOf(ana, [pair]),
    ]);
    expect(statements()).toBe(3);
    // Only conversations of the caller's, each with the caller's own unread count.
    expect(ofAna?.map((view) => [view.id, view.unreadCount])).toEqual([[pair, 0]]);
    expect(ofBruno?.map((view) => [view.id, view.unreadCount])).toEqual([
      [pair, 2],
      [other, 1],
    ]);
    expect(ofChloe).toEqual([]);
    const [view] = ofAna ?? [];
    expect(view?.lastMessage?.id).toBe(last.message.id);
    expect(view?.lastSeq).toBe(2);
    expect(view?.members.map((member) => member.userId).sort()).toEqual([ana, bruno].sort());
    // Its own objects: changing one answer leaves the other as it was.
    expect(ofAnaAgain).toEqual(ofAna);
    view?.members.pop();
    expect(ofAnaAgain?.[0]?.members).toHaveLength(2);
  });
});
