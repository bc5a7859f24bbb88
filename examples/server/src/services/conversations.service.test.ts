import { randomUUID } from 'node:crypto';
import { CONVERSATION_OPEN_REFUSED } from '@causette/protocol';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type TestDatabase, testBackends } from '../db/test-backends';
import { conversationBetween, text, userIds } from './test-fixtures';

// PGlite runs PostgreSQL in WebAssembly: generous limits on slow shared machines.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 600_000 });

describe.each(testBackends())('conversations and read state on $name', (backend) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await backend.open();
  }, 600_000);
  afterAll(() => db?.destroy());

  const users = async <const N extends string[]>(...names: N) => {
    const ids = userIds(...names);
    for (const id of ids)
      await db.users.upsert({ id, displayName: id.toUpperCase(), role: 'owner' });
    return ids;
  };

  it('opens idempotently per members and subject, the caller always a member', async () => {
    const [ana, bruno, chloe] = await users('ana', 'bruno', 'chloe');
    const subject = { type: 'listing', id: 'L-42', title: 'T2 Lyon' };
    const first = await db.conversations.open(ana, { participantIds: [bruno], subject });
    expect(first.created).toBe(true);
    expect(first.conversation).toMatchObject({
      subject,
      lastSeq: 0,
      unreadCount: 0,
      markedUnread: false,
    });
    expect(first.conversation.members.map((m) => m.userId).sort()).toEqual([ana, bruno].sort());
    expect(first.conversation.members[0]).toMatchObject({
      displayName: expect.any(String),
      role: 'owner',
      lastReadSeq: 0,
    });
    const again = await db.conversations.open(bruno, {
      participantIds: [ana, bruno],
      subject: { ...subject, title: 'x' },
    });
    expect(again).toMatchObject({ created: false, conversation: { id: first.conversation.id } });
    const otherSubject = await db.conversations.open(ana, {
      participantIds: [bruno],
      subject: { type: 'listing', id: 'L-43' },
    });
    const noSubject = await db.conversations.open(ana, { participantIds: [bruno] });
    const threeWay = await db.conversations.open(chloe, { participantIds: [ana, bruno] });
    expect(
      new Set([first, otherSubject, noSubject, threeWay].map((o) => o.conversation.id)).size,
    ).toBe(4);
    const racing = await Promise.all(
      [1, 2, 3].map(() => db.conversations.open(ana, { participantIds: [chloe] })),
    );
    expect(racing.filter((o) => o.created)).toHaveLength(1);
    expect(new Set(racing.map((o) => o.conversation.id)).size).toBe(1);
  });

  it('refuses unknown participants (FORBIDDEN, naming nobody) and a conversation with yourself (INVALID)', async () => {
    const [ana] = await users('ana');
    await expect(
      db.conversations.open(ana, { participantIds: ['ghost-user'] }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: CONVERSATION_OPEN_REFUSED,
    });
    await expect(db.conversations.open(ana, { participantIds: [ana] })).rejects.toMatchObject({
      code: 'INVALID',
    });
  });

  it("lists by last message, newest first, with an opaque cursor, only the caller's", async () => {
    const [ana, bruno, chloe, dan] = await users('ana', 'bruno', 'chloe', 'dan');
    const ab = await conversationBetween(db, [ana, bruno]);
    const ac = await conversationBetween(db, [ana, chloe]);
    const ad = await conversationBetween(db, [ana, dan]);
    await conversationBetween(db, [bruno, chloe]);
    await db.messages.send(bruno, text(ab, 'b'));
    await db.messages.send(dan, text(ad, 'd'));
    const page1 = await db.conversations.list(ana, { limit: 2 });
    expect(page1.conversations.map((c) => c.id)).toEqual([ad, ab]);
    expect(page1.nextCursor).toEqual(expect.any(String));
    const page2 = await db.conversations.list(ana, { limit: 2, cursor: page1.nextCursor });
    expect(page2.conversations.map((c) => c.id)).toEqual([ac]);
    expect(page2.nextCursor).toBeUndefined();
    expect(page1.conversations[0]).toMatchObject({ lastMessage: { content: 'd' }, unreadCount: 1 });
    await expect(db.conversations.list(ana, { cursor: 'garbage' })).rejects.toMatchObject({
      code: 'INVALID',
    });
  });

  it('get answers the same FORBIDDEN for strangers and missing conversations', async () => {
    const [ana, bruno, eve] = await users('ana', 'bruno', 'eve');
    const c = await conversationBetween(db, [ana, bruno]);
    expect((await db.conversations.get(bruno, c)).id).toBe(c);
    const refusals = await Promise.all(
      [c, randomUUID(), 'c-1'].map((id) =>
        db.conversations.get(eve, id).catch((e: Error) => e.message),
      ),
    );
    expect(new Set(refusals)).toEqual(new Set(['not a member of this conversation']));
  });

  it('applies a read and an unread asked back to back in the order they were asked', async () => {
    const [ana, bruno] = await users('ana', 'bruno');
    const ab = await conversationBetween(db, [ana, bruno]);
    for (let round = 0; round < 5; round++) {
      const { message } = await db.messages.send(ana, text(ab, `round ${round}`));
      // Not awaited in between, as a socket's requests are handled: `r` then `u` on a row.
      const [read, unread] = await Promise.all([
        db.readState.markRead(bruno, message.id),
        db.readState.markUnread(bruno, ab),
      ]);
      expect(read.unreadCount).toBe(0);
      expect(unread.unreadCount).toBe(1);
      expect((await db.conversations.get(bruno, ab)).markedUnread).toBe(true);
    }
  });

  it('moves read pointers, marks unread, totals over conversations and stamps readAt', async () => {
    const [ana, bruno, chloe] = await users('ana', 'bruno', 'chloe');
    const ab = await conversationBetween(db, [ana, bruno]);
    const group = await conversationBetween(db, [ana, bruno, chloe]);
    const m1 = await db.messages.send(ana, text(ab, '1'));
    const m2 = await db.messages.send(ana, text(ab, '2'));
    const g1 = await db.messages.send(ana, text(group, 'g1'));
    expect(await db.readState.counts(ab, [bruno, chloe, ana])).toEqual(
      new Map([
        [bruno, { total: 3, conversation: 2 }],
        [chloe, { total: 1, conversation: 0 }],
        [ana, { total: 0, conversation: 0 }],
      ]),
    );

    const read = await db.readState.markRead(bruno, m1.message.id);
    expect(read).toMatchObject({
      conversationId: ab,
      lastReadSeq: 1,
      unreadCount: 1,
      changed: true,
      advanced: true,
    });
    // Reading an older message never moves the pointer back.
    await db.readState.markRead(bruno, m2.message.id);
    expect(await db.readState.markRead(bruno, m1.message.id)).toMatchObject({
      lastReadSeq: 2,
      advanced: false,
      changed: false,
    });
    let history = await db.messages.history(ana, { conversationId: ab });
    expect(history.messages.every((m) => m.readAt)).toBe(true);

    // In a group, readAt waits for every other member.
    await db.readState.markRead(bruno, g1.message.id);
    history = await db.messages.history(ana, { conversationId: group });
    expect(history.messages[0]?.readAt).toBeNull();
    await db.readState.markRead(chloe, g1.message.id);
    history = await db.messages.history(ana, { conversationId: group });
    expect(history.messages[0]?.readAt).toEqual(expect.any(String));

    const flagged = await db.readState.markUnread(bruno, ab);
    expect(flagged).toMatchObject({ lastReadSeq: 2, unreadCount: 1, changed: true });
    expect((await db.conversations.get(bruno, ab)).markedUnread).toBe(true);
    expect((await db.readState.counts(ab, [bruno])).get(bruno)).toEqual({
      total: 1,
      conversation: 1,
    });
    const fromFirst = await db.readState.markUnread(bruno, ab, m1.message.id);
    expect(fromFirst).toMatchObject({ lastReadSeq: 0, unreadCount: 2 });
    expect((await db.conversations.get(bruno, ab)).markedUnread).toBe(false);
    // Sending clears the flag and reads up to the sent message.
    await db.readState.markUnread(bruno, ab);
    await db.messages.send(bruno, text(ab, 'reply'));
    expect(await db.conversations.get(bruno, ab)).toMatchObject({
      unreadCount: 0,
      markedUnread: false,
      lastSeq: 3,
    });

    await expect(db.readState.markRead(chloe, m1.message.id)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(db.readState.markRead(chloe, 'nope')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(db.readState.markUnread(bruno, group, m1.message.id)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(db.readState.markUnread(chloe, ab)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('knows who shares a conversation and stores presence and push subscriptions', async () => {
    const [ana, bruno, eve] = await users('ana', 'bruno', 'eve');
    await conversationBetween(db, [ana, bruno]);
    expect(await db.conversations.contacts(ana)).toEqual([bruno]);
    expect(await db.conversations.sharing(ana, [ana, bruno, eve])).toEqual(new Set([ana, bruno]));

    await db.presence.setOnline(bruno, 'socket-1');
    const lastSeen = new Date('2026-01-02T03:04:05.678Z');
    await db.presence.setOffline(ana, lastSeen);
    const presences = await db.presence.get([ana, bruno, eve]);
    expect(presences.find((p) => p.userId === ana)).toEqual({
      userId: ana,
      status: 'offline',
      lastSeen: lastSeen.toISOString(),
    });
    expect(presences.find((p) => p.userId === bruno)).toMatchObject({ status: 'online' });
    expect(presences.find((p) => p.userId === eve)).toMatchObject({ status: 'offline' });

    const subscription = {
      endpoint: `https://push.test/${ana}`,
      expirationTime: null,
      keys: { p256dh: 'k', auth: 'a' },
    };
    await db.push.subscribe(ana, subscription);
    await db.push.subscribe(ana, { ...subscription, keys: { p256dh: 'k2', auth: 'a2' } });
    expect(await db.push.forUser(ana)).toEqual([
      { ...subscription, keys: { p256dh: 'k2', auth: 'a2' }, userId: ana },
    ]);
    await db.push.unsubscribe(bruno, subscription.endpoint);
    expect(await db.push.forUser(ana)).toHaveLength(1);
    await db.push.unsubscribe(ana, subscription.endpoint);
    expect(await db.push.forUser(ana)).toEqual([]);
  });
});
