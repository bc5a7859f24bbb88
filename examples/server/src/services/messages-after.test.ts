import { SYNC_MAX_MESSAGES_PER_CONVERSATION } from '@causette/protocol';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type TestDatabase, testBackends } from '../db/test-backends';
import { createMessagesAfterLookup } from './messages-after';
import { conversationBetween, counting, text, userIds } from './test-fixtures';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 600_000 });

describe.each(testBackends())('messages after cursors on $name', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await backend.open();
  }, 600_000);
  afterAll(() => database?.destroy());

  it('answers syncs asking together with one statement, each its own cursors, capped', async () => {
    const [ana, bruno, chloe] = userIds('ana', 'bruno', 'chloe');
    const pair = await conversationBetween(database, [ana, bruno]);
    const busy = await conversationBetween(database, [bruno, chloe]);
    for (const n of [1, 2, 3]) await database.messages.send(ana, text(pair, `pair ${n}`));
    for (let n = 1; n <= SYNC_MAX_MESSAGES_PER_CONVERSATION + 2; n += 1) {
      await database.messages.send(chloe, text(busy, `busy ${n}`));
    }
    const { db, statements } = counting(database.db);
    const after = createMessagesAfterLookup(db);
    const [ofAna, ofBruno, none] = await Promise.all([
      after([{ id: pair, after: 2 }]),
      after([
        { id: busy, after: 0 },
        { id: pair, after: 0 },
      ]),
      after([]),
    ]);
    expect(statements()).toBe(1);
    expect(ofAna?.map((row) => [row.conversation_id, Number(row.seq)])).toEqual([[pair, 3]]);
    // In cursor order, then seq; the busy conversation capped at the limit + 1 (truncated).
    const seqs = (ofBruno ?? []).map((row) => [row.conversation_id, Number(row.seq)]);
    expect(seqs).toEqual([
      ...Array.from({ length: SYNC_MAX_MESSAGES_PER_CONVERSATION + 1 }, (_, i) => [busy, i + 1]),
      [pair, 1],
      [pair, 2],
      [pair, 3],
    ]);
    expect(ofBruno?.[0]).not.toHaveProperty('n');
    expect(none).toEqual([]);
  });
});
