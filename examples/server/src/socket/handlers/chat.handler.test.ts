import { randomUUID } from 'node:crypto';
import type { ImageAttachment, Message } from '@causette/protocol';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { userIds } from '../../services/test-fixtures';
import {
  TRUSTED_UPLOADS,
  type TestClient,
  type TestServer,
  collect,
  nextEvent,
  request,
  sleep,
  startTestServer,
} from '../test-helpers';

// PGlite runs PostgreSQL in WebAssembly: generous limits on slow shared machines.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 600_000 });

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ rateRules: { messages: { capacity: 200, windowMs: 10_000 } } });
}, 600_000);
afterAll(() => server?.close());

/** Connects users (one socket each unless asked) and opens a conversation between them. */
async function setup(names: string[]) {
  const ids = userIds(...names);
  const sockets: TestClient[] = [];
  for (const id of ids) sockets.push(await server.connect(id));
  const open = await request(sockets[0]!, 'conversation:open', { participantIds: ids.slice(1) });
  expect(open.ok).toBe(true);
  return { ids, sockets, conversationId: open.data.conversation.id as string };
}

const send = (
  socket: TestClient,
  conversationId: string,
  content: string,
  clientId: string = randomUUID(),
) => request(socket, 'message:send', { clientId, conversationId, type: 'TEXT', content });

describe('message:send', () => {
  it('stores, acks, and fans out message:new, message:received and unread:count', async () => {
    const { ids, sockets, conversationId } = await setup(['ana', 'bruno']);
    const [ana, bruno] = sockets as [TestClient, TestClient];
    const anaTablet = await server.connect(ids[0]!);
    const brunoNew = nextEvent(bruno, 'message:new');
    const tabletNew = nextEvent(anaTablet, 'message:new');
    const received = nextEvent(ana, 'message:received');
    const brunoUnread = nextEvent(bruno, 'unread:count');
    const anaOwnNew = collect(ana, 'message:new');
    const ack = await send(ana, conversationId, '  Bonjour Bruno  ');
    expect(ack).toMatchObject({
      ok: true,
      data: { message: { seq: 1, content: 'Bonjour Bruno', senderId: ids[0] } },
    });
    const message = ack.data.message as Message;
    expect((await brunoNew).message).toEqual(message);
    expect((await tabletNew).message).toEqual(message);
    expect(await received).toEqual({ messageId: message.id, conversationId, seq: 1 });
    expect(await brunoUnread).toEqual({ count: 1, conversationId, conversationUnread: 1 });
    await sleep(100);
    expect(anaOwnNew).toEqual([{ message }]);
  });

  it('returns the original on a resend after a dropped ack, broadcasting nothing new', async () => {
    const { sockets, conversationId } = await setup(['ana', 'bruno']);
    const [ana, bruno] = sockets as [TestClient, TestClient];
    const clientId = randomUUID();
    // The first ack is "dropped": the client emits without waiting and resends.
    ana.emit(
      'message:send',
      { clientId, conversationId, type: 'TEXT', content: 'Une seule fois' },
      () => {},
    );
    await nextEvent(bruno, 'message:new');
    const brunoSeen = collect(bruno, 'message:new');
    const resend = await send(ana, conversationId, 'Une seule fois', clientId);
    expect(resend).toMatchObject({ ok: true, data: { message: { seq: 1, clientId } } });
    await sleep(100);
    expect(brunoSeen).toEqual([]);
    const history = await request(ana, 'message:history', { conversationId });
    expect(history.data.messages).toHaveLength(1);
  });

  it('keeps seq gap-free under concurrent senders on several sockets', async () => {
    const { ids, sockets, conversationId } = await setup(['ana', 'bruno', 'chloe']);
    const extra = await server.connect(ids[1]!);
    const acks = await Promise.all(
      [...sockets, extra].flatMap((socket) =>
        Array.from({ length: 6 }, (_, i) => send(socket, conversationId, `m${i}`)),
      ),
    );
    expect(acks.every((a) => a.ok)).toBe(true);
    expect(acks.map((a) => a.data.message.seq).sort((a: number, b: number) => a - b)).toEqual(
      Array.from({ length: 24 }, (_, i) => i + 1),
    );
  });

  it('accepts only images the server vouches for', async () => {
    const { sockets, conversationId } = await setup(['ana', 'bruno']);
    const attachment: ImageAttachment = {
      url: `${TRUSTED_UPLOADS}cuisine.jpg`,
      publicId: 'cuisine',
      width: 800,
      height: 600,
      bytes: 120_000,
      format: 'jpg',
    };
    const image = (a: ImageAttachment) =>
      request(sockets[0]!, 'message:send', {
        clientId: randomUUID(),
        conversationId,
        type: 'IMAGE',
        attachment: a,
      });
    expect(await image(attachment)).toMatchObject({
      ok: true,
      data: { message: { type: 'IMAGE', content: '', attachment } },
    });
    expect(await image({ ...attachment, url: 'https://evil.test/x.jpg' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID', message: expect.stringMatching(/^attachment\.url/) },
    });
  });

  it('answers INVALID naming the field, and FORBIDDEN alike for strangers and missing conversations', async () => {
    const { sockets, conversationId } = await setup(['ana', 'bruno']);
    const [eve] = await Promise.all([server.connect(userIds('eve')[0])]);
    const invalid = await request(sockets[0]!, 'message:send', {
      clientId: randomUUID(),
      conversationId,
      type: 'TEXT',
      content: ' ',
    });
    expect(invalid).toEqual({
      ok: false,
      error: { code: 'INVALID', message: expect.stringMatching(/^content: must not be empty/) },
    });
    const missingField = await request(sockets[0]!, 'message:send', {
      conversationId,
      type: 'TEXT',
      content: 'x',
    });
    expect(missingField.error.message).toMatch(/^clientId/);
    const answers = await Promise.all(
      [conversationId, randomUUID(), 'c-unknown'].map((id) => send(eve!, id, 'coucou')),
    );
    for (const answer of answers) {
      expect(answer).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', message: 'not a member of this conversation' },
      });
    }
    for (const [event, payload] of [
      ['message:history', { conversationId }],
      ['message:unread', { conversationId }],
      ['message:search', { query: 'x', conversationId }],
      ['conversation:get', { conversationId }],
    ] as const) {
      expect(await request(eve!, event, payload), event).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
  });
});

describe('read state over several devices and conversations', () => {
  it('keeps totals exact on every socket and sends receipts to the others', async () => {
    const [ana, bruno, chloe] = userIds('ana', 'bruno', 'chloe');
    const anaPhone = await server.connect(ana);
    const brunoPhone = await server.connect(bruno);
    const brunoLaptop = await server.connect(bruno);
    const chloeSocket = await server.connect(chloe);
    const withAna = (await request(brunoPhone, 'conversation:open', { participantIds: [ana] })).data
      .conversation.id;
    const withChloe = (await request(brunoPhone, 'conversation:open', { participantIds: [chloe] }))
      .data.conversation.id;
    await send(anaPhone, withAna, 'a1');
    const last = await send(anaPhone, withAna, 'a2');
    const laptopCounts = collect(brunoLaptop, 'unread:count');
    const chloeMessage = await send(chloeSocket, withChloe, 'c1');
    await sleep(150);
    expect(laptopCounts.at(-1)).toEqual({
      count: 3,
      conversationId: withChloe,
      conversationUnread: 1,
    });

    const receipt = nextEvent(anaPhone, 'receipt:read');
    const laptopUnread = nextEvent(brunoLaptop, 'unread:count');
    const read = await request(brunoPhone, 'message:read', { messageId: last.data.message.id });
    expect(read).toEqual({
      ok: true,
      data: { conversationId: withAna, lastReadSeq: 2, unreadCount: 0 },
    });
    expect(await laptopUnread).toEqual({
      count: 1,
      conversationId: withAna,
      conversationUnread: 0,
    });
    expect(await receipt).toMatchObject({
      conversationId: withAna,
      userId: bruno,
      lastReadSeq: 2,
      readAt: expect.any(String),
    });
    const history = await request(anaPhone, 'message:history', { conversationId: withAna });
    expect(history.data.messages.map((m: Message) => Boolean(m.readAt))).toEqual([true, true]);

    const flagged = nextEvent(brunoLaptop, 'unread:count');
    expect(await request(brunoPhone, 'message:unread', { conversationId: withAna })).toMatchObject({
      ok: true,
      data: { unreadCount: 1 },
    });
    expect(await flagged).toEqual({ count: 2, conversationId: withAna, conversationUnread: 1 });
    expect(
      await request(brunoPhone, 'message:unread', { conversationId: withAna, messageId: 'zz' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(
      (await request(brunoLaptop, 'message:read', { messageId: chloeMessage.data.message.id })).data
        .unreadCount,
    ).toBe(0);
    const list = await request(brunoLaptop, 'conversation:list', {});
    expect(list.data.conversations.map((c: { unreadCount: number }) => c.unreadCount)).toEqual([
      0, 1,
    ]);
  });
});

describe('conversations, sync, history and search over the socket', () => {
  it('announces new conversations to members and opens idempotently', async () => {
    const [ana, bruno] = userIds('ana', 'bruno');
    const anaSocket = await server.connect(ana);
    const brunoSocket = await server.connect(bruno);
    const announced = nextEvent(brunoSocket, 'conversation:new');
    const subject = { type: 'listing', id: 'L-7', title: 'T3 Nantes' };
    const first = await request(anaSocket, 'conversation:open', {
      participantIds: [bruno],
      subject,
    });
    expect(first).toMatchObject({ ok: true, data: { created: true, conversation: { subject } } });
    expect((await announced).conversation.id).toBe(first.data.conversation.id);
    const again = await request(brunoSocket, 'conversation:open', {
      participantIds: [ana],
      subject,
    });
    expect(again.data).toMatchObject({
      created: false,
      conversation: { id: first.data.conversation.id },
    });
    expect(
      await request(anaSocket, 'conversation:open', { participantIds: ['nobody-here'] }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(
      await request(anaSocket, 'conversation:get', { conversationId: first.data.conversation.id }),
    ).toMatchObject({
      ok: true,
      data: { conversation: { id: first.data.conversation.id, members: expect.any(Array) } },
    });
  });

  it('syncs after a reconnect and pages history both ways', async () => {
    const { ids, sockets, conversationId } = await setup(['ana', 'bruno']);
    for (let i = 1; i <= 7; i++) await send(sockets[i % 2]!, conversationId, `message ${i}`);
    const sync = await request(sockets[1]!, 'sync', { cursors: { [conversationId]: 4 } });
    expect(sync.data.messages.map((m: Message) => m.seq)).toEqual([5, 6, 7]);
    expect(sync.data).toMatchObject({
      truncated: [],
      conversations: [{ id: conversationId, lastSeq: 7 }],
    });
    expect(
      (await request(sockets[1]!, 'sync', { cursors: { [conversationId]: 7 } })).data.conversations,
    ).toEqual([]);
    const older = await request(sockets[0]!, 'message:history', {
      conversationId,
      beforeSeq: 6,
      limit: 3,
    });
    expect(older.data.messages.map((m: Message) => m.seq)).toEqual([3, 4, 5]);
    expect(older.data.hasMore).toBe(true);
    const newer = await request(sockets[0]!, 'message:history', { conversationId, afterSeq: 5 });
    expect([newer.data.messages.map((m: Message) => m.seq), newer.data.hasMore]).toEqual([
      [6, 7],
      false,
    ]);
    const bad = await request(sockets[0]!, 'message:history', {
      conversationId,
      afterSeq: 5,
      beforeSeq: 5,
    });
    expect(bad.error.message).toMatch(/^afterSeq/);
    expect(ids).toHaveLength(2);
  });

  it('searches in French over the socket', async () => {
    const { sockets, conversationId } = await setup(['ana', 'bruno']);
    await send(sockets[1]!, conversationId, "L'été dernier, trois appartements visités");
    const found = await request(sockets[0]!, 'message:search', { query: 'ete appartement' });
    expect(found.data.hits).toHaveLength(1);
    expect(found.data.hits[0].snippet).toContain('<mark>été</mark>');
  });
});
