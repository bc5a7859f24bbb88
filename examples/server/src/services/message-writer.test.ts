import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '../db/connection';
import { type TestDatabase, testBackends } from '../db/test-backends';
import { newId } from './ids';
import { type MessageWriter, type WrittenMessage, createMessageWriter } from './message-writer';
import { type NewMessage, isUniqueViolation } from './store-messages';
import { conversationBetween, counting, userIds } from './test-fixtures';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 600_000 });

const message = (conversationId: string, senderId: string, content: string): NewMessage => ({
  id: newId(),
  clientId: randomUUID(),
  conversationId,
  senderId,
  type: 'TEXT',
  content,
  attachment: null,
});

describe.each(testBackends())('message writer on $name', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await backend.open();
  }, 600_000);
  afterAll(() => database?.destroy());

  async function pairs(count: number) {
    return Promise.all(
      Array.from({ length: count }, async () => {
        const [a, b] = userIds('a', 'b');
        return { a, b, id: await conversationBetween(database, [a, b]) };
      }),
    );
  }

  it('stores concurrent sends of many conversations in few statements, each seq in its place', async () => {
    const conversations = await pairs(12);
    const { db, statements } = counting(database.db);
    const writer = createMessageWriter(db);
    const sends = conversations.flatMap((c) =>
      [1, 2, 3].map((n) => message(c.id, n % 2 ? c.a : c.b, `${c.id} ${n}`)),
    );
    const stored = await Promise.all(sends.map((m) => writer.store(m)));
    // 36 sends, three per conversation: three statements of twelve.
    expect(statements()).toBe(3);
    for (const c of conversations) {
      const mine = stored.filter((s) => s?.row.conversationId === c.id);
      expect(mine.map((s) => [s?.row.seq, s?.row.content])).toEqual([
        [1, `${c.id} 1`],
        [2, `${c.id} 2`],
        [3, `${c.id} 3`],
      ]);
      const view = await database.conversations.get(c.a, c.id);
      expect(view.lastSeq).toBe(3);
      // Each reply moved its sender's pointer and stamped the other's message read.
      expect(view.members.find((m) => m.userId === c.a)?.lastReadSeq).toBe(3);
      expect(view.members.find((m) => m.userId === c.b)?.lastReadSeq).toBe(2);
      const history = await database.messages.history(c.a, { conversationId: c.id });
      expect(history.messages.map((m) => m.readAt !== null)).toEqual([true, true, false]);
    }
  });

  it('reports the pointer each send found, as sends one after another would', async () => {
    const [c] = await pairs(1);
    const writer = createMessageWriter(database.db);
    const [first, second, third] = await Promise.all([
      writer.store(message(c!.id, c!.a, 'un')),
      writer.store(message(c!.id, c!.b, 'deux')),
      writer.store(message(c!.id, c!.b, 'trois')),
    ]);
    expect(first?.before).toEqual({ lastReadSeq: 0, markedUnread: false });
    expect(second?.before).toEqual({ lastReadSeq: 0, markedUnread: false });
    expect(third?.before).toEqual({ lastReadSeq: 2, markedUnread: false });
  });

  it('gives each message the unread counts the database holds once its group is in', async () => {
    const [a, b, chloe] = userIds('a', 'b', 'chloe');
    const one = await conversationBetween(database, [a, chloe]);
    const two = await conversationBetween(database, [chloe, b]);
    const three = await conversationBetween(database, [a, b]);
    const writer = createMessageWriter(database.db);
    await writer.store(message(two, b, 'avant'));
    await writer.store(message(three, a, 'avant'));
    await database.readState.markUnread(a, three);
    // One group: Chloé receives in one, sends in two (clearing it); A's flag on three is cleared.
    const written = await Promise.all([
      writer.store(message(one, a, 'pour Chloé')),
      writer.store(message(two, chloe, 'pour B')),
      writer.store(message(three, a, 'pour B')),
    ]);
    for (const [i, conversationId] of [one, two, three].entries()) {
      const members = [...(written[i]?.unread.keys() ?? [])];
      expect(members).toHaveLength(2);
      expect(written[i]?.unread).toEqual(await database.readState.counts(conversationId, members));
    }
  });

  it('isolates a failing send: the rest of its group is stored once, no seq is burned', async () => {
    const conversations = await pairs(4);
    const [first, second, third, fourth] = conversations as [
      (typeof conversations)[0],
      (typeof conversations)[0],
      (typeof conversations)[0],
      (typeof conversations)[0],
    ];
    const writer = createMessageWriter(database.db);
    const original = message(first.id, first.a, 'original');
    await writer.store(original);
    const stranger = userIds('stranger')[0];
    const [lone, inGroup, resend, foreign, alsoInGroup] = await Promise.allSettled([
      // One group but for the stranger's send, which waits for the next: its conversation is
      // taken. The resend fails the group, which is then stored one by one.
      writer.store(message(second.id, second.a, 'seul')),
      writer.store(message(third.id, third.b, 'groupe 1')),
      writer.store({ ...original, id: newId(), content: 'renvoi' }),
      writer.store(message(second.id, stranger, 'intrus')),
      writer.store(message(fourth.id, fourth.a, 'groupe 2')),
    ]);
    expect(lone).toMatchObject({ status: 'fulfilled', value: { row: { seq: 1 } } });
    expect(inGroup).toMatchObject({ status: 'fulfilled', value: { row: { seq: 1 } } });
    expect(alsoInGroup).toMatchObject({ status: 'fulfilled', value: { row: { seq: 1 } } });
    expect(resend.status === 'rejected' && isUniqueViolation(resend.reason)).toBe(true);
    expect(foreign).toEqual({ status: 'fulfilled', value: undefined });
    for (const c of conversations) {
      const history = await database.messages.history(c.a, { conversationId: c.id });
      expect(history.messages.map((m) => m.seq)).toEqual([1]);
    }
    expect((await database.conversations.get(second.a, second.id)).lastSeq).toBe(1);
  });

  it('keeps every seq gap-free and every message once under many concurrent writers', async () => {
    const conversations = await pairs(5);
    const writers: MessageWriter[] = [
      createMessageWriter(database.db),
      createMessageWriter(database.db, { maxGroup: 3 }),
    ];
    const sends = conversations.flatMap((c) =>
      Array.from({ length: 20 }, (_, n) => message(c.id, n % 3 ? c.a : c.b, `m${n}`)),
    );
    // Two writers stand for two processes: their groups race for the same rows.
    const stored = await Promise.all(sends.map((m, i) => writers[i % 2]!.store(m)));
    expect(stored.every((s) => s !== undefined)).toBe(true);
    for (const c of conversations) {
      const history = await database.messages.history(c.a, { conversationId: c.id, limit: 50 });
      expect(history.messages.map((m) => m.seq)).toEqual(
        Array.from({ length: 20 }, (_, i) => i + 1),
      );
      expect(new Set(history.messages.map((m) => m.content)).size).toBe(20);
    }
  });

  it('stores side by side with concurrency, each member total read after the others commit', async () => {
    // Twenty-four people write to the same owner at once, in conversations of their own: their
    // statements may run together only apart from the owner, so the last one to commit counts
    // every message before it.
    const [owner] = userIds('owner');
    const senders = userIds(...Array.from({ length: 24 }, (_, i) => `s${i}`));
    const conversations = await Promise.all(
      senders.map((sender) => conversationBetween(database, [sender, owner!])),
    );
    const others = await pairs(8);
    const writer = createMessageWriter(database.db, { concurrency: 4 });
    // One send a turn, so that groups form while others run, as sends arriving over time do.
    const sends: Array<Promise<WrittenMessage | undefined>> = [];
    // The owner's totals in the order the sends are answered, as their unread:count events go.
    const ownerTotals: number[] = [];
    const seen = (written: WrittenMessage | undefined) => {
      const total = written?.unread.get(owner!)?.total;
      if (total !== undefined) ownerTotals.push(total);
      return written;
    };
    for (const n of [1, 2]) {
      for (const [i, sender] of senders.entries()) {
        sends.push(
          writer.store(message(conversations[i]!, sender, `${n}`), [sender, owner!]).then(seen),
        );
        const other = others[i % others.length]!;
        if (n === 1)
          sends.push(writer.store(message(other.id, other.a, 'à côté'), [other.a, other.b]));
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    await Promise.all(sends);
    const [stored] = [...(await database.readState.counts(conversations[0]!, [owner!])).values()];
    expect(stored?.total).toBe(48);
    // Never down, and the last says all: no statement missed one committed beside it.
    expect(ownerTotals).toEqual([...ownerTotals].sort((a, b) => a - b));
    expect(ownerTotals.at(-1)).toBe(48);
    for (const id of conversations) {
      const history = await database.messages.history(owner!, { conversationId: id });
      expect(history.messages.map((m) => [m.seq, m.content])).toEqual([
        [1, '1'],
        [2, '2'],
      ]);
    }
  });

  it('runs a statement aborted for a deadlock again, whole', async () => {
    const conversations = await pairs(3);
    let calls = 0;
    const deadlocked = new Proxy(database.db, {
      get(target, property, receiver) {
        if (property !== 'execute') return Reflect.get(target, property, receiver) as unknown;
        return (...args: Parameters<Db['execute']>) => {
          calls += 1;
          // What PostgreSQL answers the victim of a deadlock with another process: nothing stored.
          if (calls === 1) {
            return Promise.reject(Object.assign(new Error('deadlock detected'), { code: '40P01' }));
          }
          return target.execute(...args);
        };
      },
    });
    const writer = createMessageWriter(deadlocked);
    const stored = await Promise.all(
      conversations.map((c) => writer.store(message(c.id, c.a, 'x'))),
    );
    expect(stored.map((s) => s?.row.seq)).toEqual([1, 1, 1]);
    // The group again, not three single statements.
    expect(calls).toBe(2);
  });

  it('refuses two messages of one conversation in one statement', async () => {
    const [c] = await pairs(1);
    const { storeMessages } = await import('./store-messages');
    await expect(
      storeMessages(database.db, [message(c!.id, c!.a, '1'), message(c!.id, c!.b, '2')]),
    ).rejects.toThrow(RangeError);
  });
});
