import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type TestDatabase, testBackends } from '../db/test-backends';
import { createMemberListsLookup } from './member-lists';
import { conversationBetween, counting, userIds } from './test-fixtures';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 600_000 });

describe.each(testBackends())('member lists on $name', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await backend.open();
  }, 600_000);
  afterAll(() => database?.destroy());

  it('reads the members of conversations asked together in one query, each their own', async () => {
    const [ana, bruno, chloe] = userIds('ana', 'bruno', 'chloe');
    const pair = await conversationBetween(database, [ana, bruno]);
    const trio = await conversationBetween(database, [ana, bruno, chloe]);
    const { db, statements } = counting(database.db);
    const membersOf = createMemberListsLookup(db);
    const [ofPair, ofTrio, ofNone, ofPairAgain] = await Promise.all(
      [pair, trio, randomUUID(), pair].map((id) => membersOf(id)),
    );
    expect(statements()).toBe(1);
    expect(ofPair?.sort()).toEqual([ana, bruno].sort());
    expect(ofTrio?.sort()).toEqual([ana, bruno, chloe].sort());
    expect(ofNone).toEqual([]);
    expect(ofPairAgain).not.toBe(ofPair);
    expect(ofPairAgain?.sort()).toEqual([ana, bruno].sort());
  });
});
