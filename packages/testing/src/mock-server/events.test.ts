import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CONVERSATION_OPEN_REFUSED } from '@causette/protocol';
import { createMockChatServer } from './server';
import {
  type TestSocket,
  collect,
  connect,
  disconnectAll,
  nextEvent,
  request,
  tick,
} from './test-clients.test-fixtures';

const server = createMockChatServer({ presenceGraceMs: 50 });
beforeAll(() => server.listen());
afterEach(() => {
  disconnectAll();
  server.reset();
});
afterAll(() => server.close());

const text = (conversationId: string, content: string, clientId: string) => ({
  clientId,
  conversationId,
  type: 'TEXT',
  content,
});

describe('message:send', () => {
  it('sends message:received to the sender, message:new to every member socket, unread:count to others', async () => {
    const alice = await connect(server, 'u-alice');
    const aliceTablet = await connect(server, 'u-alice');
    const bruno = await connect(server, 'u-bruno');
    const tabletNew = nextEvent(aliceTablet, 'message:new');
    const received = nextEvent(alice, 'message:received');
    const brunoUnread = nextEvent(bruno, 'unread:count');
    const ownNew = collect(alice, 'message:new');
    const brunoNew = nextEvent(bruno, 'message:new');
    const ack = await request(alice, 'message:send', text('c-reze-maison', 'Salut', 'k1'));
    const message = ack.data.message;
    expect((await tabletNew).message).toEqual(message);
    expect(await received).toEqual({
      messageId: message.id,
      conversationId: 'c-reze-maison',
      seq: 4,
    });
    // Bruno: 1 unread here, plus none elsewhere (he read all of c-lyon-t2).
    expect(await brunoUnread).toEqual({
      count: 1,
      conversationId: 'c-reze-maison',
      conversationUnread: 1,
    });
    expect((await brunoNew).message).toEqual(message);
    await tick();
    // The sending socket gets it too (docs/protocol.md): once, not twice.
    expect(ownNew).toEqual([{ message }]);
  });

  it('is idempotent per clientId: a resend returns the original and broadcasts nothing', async () => {
    const alice = await connect(server, 'u-alice');
    const bruno = await connect(server, 'u-bruno');
    const first = await request(alice, 'message:send', text('c-lyon-t2', 'Une fois', 'same'));
    const brunoNew = collect(bruno, 'message:new');
    const again = await request(alice, 'message:send', text('c-lyon-t2', 'Une fois', 'same'));
    expect(again).toEqual(first);
    await tick();
    expect(brunoNew).toEqual([]);
    expect(server.state.messages('c-lyon-t2')).toHaveLength(121);
  });

  it('refuses a clientId reused in another conversation with CONFLICT', async () => {
    const alice = await connect(server, 'u-alice');
    await request(alice, 'message:send', text('c-lyon-t2', 'a', 'dup'));
    const ack = await request(alice, 'message:send', text('c-croix-rousse', 'b', 'dup'));
    expect(ack).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('advances the sender read pointer, clears their unread and sends receipt:read', async () => {
    const alice = await connect(server, 'u-alice');
    const bruno = await connect(server, 'u-bruno');
    const receipt = nextEvent(bruno, 'receipt:read');
    const aliceUnread = nextEvent(alice, 'unread:count');
    const ack = await request(alice, 'message:send', text('c-lyon-t2', 'Lu', 'r1'));
    // Alice still has one unread in c-croix-rousse and one in c-reze-maison.
    expect(await aliceUnread).toEqual({
      count: 2,
      conversationId: 'c-lyon-t2',
      conversationUnread: 0,
    });
    expect(await receipt).toMatchObject({
      conversationId: 'c-lyon-t2',
      userId: 'u-alice',
      lastReadSeq: 121,
    });
    expect(server.state.messages('c-lyon-t2')[119]?.readAt).toEqual(expect.any(String));
    expect(ack.data.message.readAt).toBeNull();
  });

  it('answers FORBIDDEN to a non-member and to an unknown conversation alike', async () => {
    const chloe = await connect(server, 'u-chloe');
    const a = await request(chloe, 'message:send', text('c-lyon-t2', 'x', 'f1'));
    const b = await request(chloe, 'message:send', text('nope', 'x', 'f2'));
    expect(a).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'not a member of this conversation' },
    });
    expect(b).toEqual(a);
  });

  it('answers INVALID naming the field, and INVALID to unknown events, without dropping the socket', async () => {
    const alice = await connect(server, 'u-alice');
    const empty = await request(alice, 'message:send', text('c-lyon-t2', '   ', 'i1'));
    expect(empty).toEqual({
      ok: false,
      error: { code: 'INVALID', message: 'content: must not be empty' },
    });
    const extra = await request(alice, 'message:send', { ...text('c-lyon-t2', 'x', 'i2'), seq: 3 });
    expect(extra.error.message).toMatch(/seq/);
    const unknown = await request(alice, 'message:teleport', {});
    expect(unknown).toEqual({
      ok: false,
      error: { code: 'INVALID', message: 'unknown event message:teleport' },
    });
    expect(alice.connected).toBe(true);
  });
});

describe('message:history', () => {
  it('pages older with beforeSeq and newer with afterSeq, oldest first, with hasMore', async () => {
    const alice = await connect(server, 'u-alice');
    const latest = await request(alice, 'message:history', { conversationId: 'c-lyon-t2' });
    expect(latest.data.messages.map((m: { seq: number }) => m.seq)).toEqual(
      Array.from({ length: 50 }, (_, i) => 71 + i),
    );
    expect(latest.data.hasMore).toBe(true);
    const oldest = await request(alice, 'message:history', {
      conversationId: 'c-lyon-t2',
      beforeSeq: 21,
    });
    expect(oldest.data).toMatchObject({ hasMore: false });
    expect(oldest.data.messages).toHaveLength(20);
    const newer = await request(alice, 'message:history', {
      conversationId: 'c-lyon-t2',
      afterSeq: 100,
      limit: 10,
    });
    expect(newer.data.messages.map((m: { seq: number }) => m.seq)).toEqual([
      101, 102, 103, 104, 105, 106, 107, 108, 109, 110,
    ]);
    expect(newer.data.hasMore).toBe(true);
    const bad = await request(alice, 'message:history', {
      conversationId: 'c-lyon-t2',
      afterSeq: 9,
      beforeSeq: 5,
    });
    expect(bad.error).toEqual({
      code: 'INVALID',
      message: 'afterSeq: must be lower than beforeSeq',
    });
  });
});

describe('read state', () => {
  it('message:read moves the pointer, pushes unread:count and receipt:read with readAt', async () => {
    const alice = await connect(server, 'u-alice');
    const bruno = await connect(server, 'u-bruno');
    const last = server.state.messages('c-lyon-t2').at(-1)!;
    const unread = nextEvent(alice, 'unread:count');
    const receipt = nextEvent(bruno, 'receipt:read');
    const ack = await request(alice, 'message:read', { messageId: last.id });
    expect(ack.data).toEqual({ conversationId: 'c-lyon-t2', lastReadSeq: 120, unreadCount: 0 });
    expect(await unread).toEqual({ count: 2, conversationId: 'c-lyon-t2', conversationUnread: 0 });
    expect(await receipt).toMatchObject({
      userId: 'u-alice',
      lastReadSeq: 120,
      readAt: expect.any(String),
    });
    expect(server.state.messages('c-lyon-t2').at(-1)?.readAt).toEqual(expect.any(String));
  });

  it('message:unread flags the conversation or moves the pointer back', async () => {
    const alice = await connect(server, 'u-alice');
    const flagged = await request(alice, 'message:unread', { conversationId: 'c-croix-rousse' });
    expect(flagged.data).toEqual({
      conversationId: 'c-croix-rousse',
      lastReadSeq: 4,
      unreadCount: 1,
    });
    const conversation = server.state.conversation('c-croix-rousse', 'u-alice');
    expect(conversation).toMatchObject({ markedUnread: true, unreadCount: 1 });
    const tenth = server.state.messages('c-lyon-t2')[9]!;
    const back = await request(alice, 'message:unread', {
      conversationId: 'c-lyon-t2',
      messageId: tenth.id,
    });
    expect(back.data).toEqual({ conversationId: 'c-lyon-t2', lastReadSeq: 9, unreadCount: 111 });
    expect(server.state.unread('u-alice')).toBe(111 + 1 + 1);
    const mismatch = await request(alice, 'message:unread', {
      conversationId: 'c-croix-rousse',
      messageId: tenth.id,
    });
    expect(mismatch.error.code).toBe('FORBIDDEN');
  });
});

describe('conversations', () => {
  it('lists by lastMessageAt newest first with a cursor', async () => {
    const alice = await connect(server, 'u-alice');
    const first = await request(alice, 'conversation:list', { limit: 2 });
    expect(first.data.conversations.map((c: { id: string }) => c.id)).toEqual([
      'c-lyon-t2',
      'c-croix-rousse',
    ]);
    const second = await request(alice, 'conversation:list', {
      limit: 2,
      cursor: first.data.nextCursor,
    });
    expect(second.data.conversations.map((c: { id: string }) => c.id)).toEqual(['c-reze-maison']);
    expect(second.data.nextCursor).toBeUndefined();
    const bad = await request(alice, 'conversation:list', { cursor: 'garbage' });
    expect(bad.error).toEqual({
      code: 'INVALID',
      message: 'cursor: not a cursor this server issued',
    });
  });

  it('conversation:open is idempotent per members and subject and announces conversation:new', async () => {
    const bruno = await connect(server, 'u-bruno');
    const chloe = await connect(server, 'u-chloe');
    const announced = nextEvent(chloe, 'conversation:new');
    const subject = { type: 'listing', id: 'L-9', title: 'Loft' };
    const opened = await request(bruno, 'conversation:open', {
      participantIds: ['u-chloe'],
      subject,
    });
    expect(opened.data).toMatchObject({
      created: true,
      conversation: { subject, lastSeq: 0, unreadCount: 0 },
    });
    expect((await announced).conversation.id).toBe(opened.data.conversation.id);
    const again = await request(chloe, 'conversation:open', {
      participantIds: ['u-bruno'],
      subject,
    });
    expect(again.data).toMatchObject({
      created: false,
      conversation: { id: opened.data.conversation.id },
    });
    const alone = await request(bruno, 'conversation:open', { participantIds: ['u-bruno'] });
    expect(alone.error.code).toBe('INVALID');
    const ghost = await request(bruno, 'conversation:open', { participantIds: ['u-ghost'] });
    expect(ghost.error).toEqual({ code: 'FORBIDDEN', message: CONVERSATION_OPEN_REFUSED });
  });

  it('sync returns changed conversations, messages after cursors, and truncates over 200', async () => {
    const alice = await connect(server, 'u-alice');
    const synced = await request(alice, 'sync', {
      cursors: { 'c-lyon-t2': 118, 'c-croix-rousse': 5 },
    });
    expect(synced.data.conversations.map((c: { id: string }) => c.id)).toEqual([
      'c-lyon-t2',
      'c-reze-maison',
    ]);
    expect(synced.data.messages.map((m: { seq: number }) => m.seq)).toEqual([119, 120]);
    expect(synced.data.truncated).toEqual([]);
    for (let i = 0; i < 90; i++) server.sendAs('u-bruno', 'c-lyon-t2', `bulk ${i}`);
    const big = await request(alice, 'sync', { cursors: { 'c-lyon-t2': 0 } });
    expect(big.data.truncated).toEqual(['c-lyon-t2']);
    expect(big.data.messages).toHaveLength(200);
  });
});

describe('presence and typing', () => {
  it('announces online, then offline after the grace, to contacts only', async () => {
    const bruno = await connect(server, 'u-bruno');
    const chloe = await connect(server, 'u-chloe');
    const chloeStatus = collect(chloe, 'user:status');
    const online = nextEvent(bruno, 'user:status');
    const alice = await connect(server, 'u-alice');
    expect(await online).toMatchObject({ userId: 'u-alice', status: 'online' });
    const offline = nextEvent(bruno, 'user:status');
    alice.disconnect();
    expect(await offline).toMatchObject({ userId: 'u-alice', status: 'offline' });
    expect(chloeStatus.map((s) => s.status)).toEqual(['online', 'offline']);
    const presence = await request(bruno, 'presence:get', { userIds: ['u-alice', 'u-bruno'] });
    expect(presence.data.presences).toEqual([
      { userId: 'u-alice', status: 'offline', lastSeen: expect.any(String) },
      { userId: 'u-bruno', status: 'online', lastSeen: expect.any(String) },
    ]);
    const stranger = await request(bruno, 'presence:get', { userIds: ['u-chloe'] });
    expect(stranger.error.code).toBe('FORBIDDEN');
  });

  it('a reconnect within the grace announces nothing', async () => {
    const bruno = await connect(server, 'u-bruno');
    const alice = await connect(server, 'u-alice');
    const statuses = collect(bruno, 'user:status');
    alice.disconnect();
    await connect(server, 'u-alice');
    await tick(100);
    expect(statuses).toEqual([]);
  });

  it('relays typing to the other members only', async () => {
    const alice = await connect(server, 'u-alice');
    const bruno = await connect(server, 'u-bruno');
    const own = collect(alice, 'typing:update');
    const update = nextEvent(bruno, 'typing:update');
    alice.emit('typing:start', { conversationId: 'c-lyon-t2' });
    expect(await update).toEqual({
      conversationId: 'c-lyon-t2',
      userId: 'u-alice',
      isTyping: true,
    });
    const stop = nextEvent(bruno, 'typing:update');
    alice.emit('typing:stop', { conversationId: 'c-lyon-t2' });
    expect((await stop).isTyping).toBe(false);
    expect(own).toEqual([]);
  });
});

describe('search and push', () => {
  it('finds accent- and case-insensitive words, newest first, with <mark> snippets and a cursor', async () => {
    const alice = await connect(server, 'u-alice');
    const page = await request(alice, 'message:search', { query: 'BALCON', limit: 5 });
    expect(page.data.hits).toHaveLength(5);
    expect(page.data.hits[0].snippet).toContain('<mark>balcon</mark>');
    const seqs = page.data.hits.map((h: { message: { seq: number } }) => h.message.seq);
    expect(seqs).toEqual([...seqs].sort((a: number, b: number) => b - a));
    const next = await request(alice, 'message:search', {
      query: 'balcon',
      limit: 5,
      cursor: page.data.nextCursor,
    });
    expect(next.data.hits[0].message.seq).toBeLessThan(seqs.at(-1));
    const accents = await request(alice, 'message:search', { query: 'entierement meuble' });
    expect(accents.data.hits[0].snippet).toBe(
      'Oui, <mark>entièrement</mark> <mark>meublé</mark> et équipé.',
    );
    const escaped = server.sendAs('u-bruno', 'c-lyon-t2', '<b>visite</b> & co');
    const html = await request(alice, 'message:search', {
      query: 'visite co',
      conversationId: 'c-lyon-t2',
    });
    expect(html.data.hits[0]).toMatchObject({
      message: { id: escaped.id },
      snippet: '&lt;b&gt;<mark>visite</mark>&lt;/b&gt; &amp; <mark>co</mark>',
    });
  });

  it('stores push subscriptions per user', async () => {
    const alice: TestSocket = await connect(server, 'u-alice');
    const subscription = { endpoint: 'https://push.test/1', keys: { p256dh: 'k', auth: 'a' } };
    expect(await request(alice, 'push:subscribe', { subscription })).toEqual({
      ok: true,
      data: {},
    });
    expect(server.state.pushSubscriptions('u-alice')).toEqual([subscription]);
    await request(alice, 'push:unsubscribe', { endpoint: subscription.endpoint });
    expect(server.state.pushSubscriptions('u-alice')).toEqual([]);
  });
});
