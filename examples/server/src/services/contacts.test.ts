import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type TestDatabase, testBackends } from '../db/test-backends';
import { createContactsLookup } from './contacts';
import { conversationBetween, userIds } from './test-fixtures';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 600_000 });

describe.each(testBackends())('contacts on $name', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await backend.open();
  }, 600_000);
  afterAll(() => database?.destroy());

  it('finds the contacts of users asking together in one query, each their own', async () => {
    const [ana, bruno, chloe, loner] = userIds('ana', 'bruno', 'chloe', 'loner');
    await conversationBetween(database, [ana, bruno]);
    await conversationBetween(database, [ana, chloe]);
    await conversationBetween(database, [bruno, chloe]);
    await database.users.upsert({ id: loner, displayName: 'Seul' });
    let queries = 0;
    const counted = new Proxy(database.db, {
      get(target, property, receiver) {
        if (property === 'execute') queries += 1;
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
    const contactsOf = createContactsLookup(counted);
    const [ofAna, ofBruno, ofLoner, ofAnaAgain] = await Promise.all(
      [ana, bruno, loner, ana].map((id) => contactsOf(id)),
    );
    expect(queries).toBe(1);
    expect(ofAna?.sort()).toEqual([bruno, chloe].sort());
    expect(ofBruno?.sort()).toEqual([ana, chloe].sort());
    expect(ofLoner).toEqual([]);
    expect(ofAnaAgain?.sort()).toEqual([bruno, chloe].sort());
  });
});
