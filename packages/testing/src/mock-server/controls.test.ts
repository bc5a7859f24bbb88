import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMockChatServer } from './server';
import {
  collect,
  connect,
  disconnectAll,
  nextEvent,
  request,
  requestWithin,
  tick,
} from './test-clients.test-fixtures';

const server = createMockChatServer({ presenceGraceMs: 20 });
beforeAll(() => server.listen());
afterEach(() => {
  vi.useRealTimers();
  disconnectAll();
  server.reset();
});
afterAll(() => server.close());

const send = (clientId: string, content = 'Bonjour') => ({
  clientId,
  conversationId: 'c-lyon-t2',
  type: 'TEXT',
  content,
});

describe('connection controls', () => {
  it('goOffline drops every socket and refuses new ones until goOnline', async () => {
    const alice = await connect(server, 'u-alice', {
      reconnection: true,
      reconnectionDelay: 10,
      reconnectionDelayMax: 20,
    });
    const reason = new Promise((resolve) => alice.once('disconnect', resolve));
    const errors: Error[] = [];
    alice.io.on('error', (error) => errors.push(error));
    server.goOffline();
    expect(server.online).toBe(false);
    expect(await reason).toBe('transport close');
    await expect(connect(server, 'u-bruno')).rejects.toThrow(/websocket error/);
    await vi.waitFor(() => expect(errors.length).toBeGreaterThan(0));
    expect(alice.connected).toBe(false);
    const back = new Promise((resolve) => alice.once('connect', () => resolve(true)));
    server.goOnline();
    expect(await back).toBe(true);
    expect(server.state.socketCount('u-alice')).toBe(1);
  });

  it('disconnectUser ends a user sockets as the server, or drops their transport', async () => {
    const alice = await connect(server, 'u-alice');
    const tablet = await connect(server, 'u-alice');
    const bruno = await connect(server, 'u-bruno');
    const reasons = [alice, tablet].map(
      (s) => new Promise((resolve) => s.once('disconnect', resolve)),
    );
    expect(server.disconnectUser('u-alice')).toBe(2);
    expect(await Promise.all(reasons)).toEqual(['io server disconnect', 'io server disconnect']);
    expect(bruno.connected).toBe(true);
    const dropped = new Promise((resolve) => bruno.once('disconnect', resolve));
    expect(server.disconnectUser('u-bruno', { how: 'transport' })).toBe(1);
    expect(await dropped).toBe('transport close');
    expect(server.disconnectUser('u-chloe')).toBe(0);
  });
});

describe('request faults', () => {
  it('dropNextAck processes the request but loses its ack; the resend does not duplicate', async () => {
    const alice = await connect(server, 'u-alice');
    const bruno = await connect(server, 'u-bruno');
    const brunoNew = collect(bruno, 'message:new');
    server.dropNextAck('message:send');
    await expect(requestWithin(200, alice, 'message:send', send('lost-ack'))).rejects.toThrow(
      /timed out/,
    );
    const resend = await request(alice, 'message:send', send('lost-ack'));
    expect(resend).toMatchObject({
      ok: true,
      data: { message: { seq: 121, clientId: 'lost-ack' } },
    });
    expect(server.state.messages('c-lyon-t2')).toHaveLength(121);
    expect(brunoNew).toHaveLength(1);
  });

  it('dropNextAck without an event matches any request, count times', async () => {
    const alice = await connect(server, 'u-alice');
    server.dropNextAck(undefined, 2);
    await expect(requestWithin(200, alice, 'conversation:list', {})).rejects.toThrow(/timed out/);
    await expect(requestWithin(200, alice, 'sync', { cursors: {} })).rejects.toThrow(/timed out/);
    expect((await request(alice, 'conversation:list', {})).ok).toBe(true);
  });

  it('failNext answers the given error without processing', async () => {
    const alice = await connect(server, 'u-alice');
    server.failNext('message:send', { code: 'RATE_LIMITED', retryAfterMs: 1500 });
    const refused = await request(alice, 'message:send', send('k1'));
    expect(refused).toEqual({
      ok: false,
      error: { code: 'RATE_LIMITED', message: 'injected by the mock server', retryAfterMs: 1500 },
    });
    expect(server.state.messages('c-lyon-t2')).toHaveLength(120);
    expect((await request(alice, 'message:send', send('k1'))).ok).toBe(true);
  });

  it('rejects bad control input with a clear error', () => {
    expect(() => server.failNext('message:fly' as 'sync', { code: 'INVALID' })).toThrow(
      /not a request event/,
    );
    expect(() => server.failNext('sync', { code: 'NOPE' as 'INVALID' })).toThrow(/ERROR_CODES/);
    expect(() => server.dropNextAck('sync', 0)).toThrow(/positive integer/);
    expect(() => server.setLatency(-1)).toThrow(/>= 0/);
    expect(() => server.emit('u-alice', 'message:gone' as 'session:expired', {})).toThrow(
      /not a server event/,
    );
    expect(() => createMockChatServer({ url: 'chat' })).toThrow(/absolute URL/);
    expect(() => server.tokenFor('')).toThrow(/non-empty/);
  });

  it('setLatency delays acks and events', async () => {
    const alice = await connect(server, 'u-alice');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    server.setLatency(500);
    let answered = false;
    alice.emit('conversation:list', {}, () => {
      answered = true;
    });
    await vi.advanceTimersByTimeAsync(499);
    expect(answered).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(answered).toBe(true);
  });
});

describe('acting and inspecting', () => {
  it('emit pushes any server event to every socket of a user', async () => {
    const alice = await connect(server, 'u-alice');
    const event = nextEvent(alice, 'unread:count');
    server.emit('u-alice', 'unread:count', {
      count: 7,
      conversationId: 'c-lyon-t2',
      conversationUnread: 7,
    });
    expect(await event).toEqual({ count: 7, conversationId: 'c-lyon-t2', conversationUnread: 7 });
  });

  it('sendAs sends as another user, broadcast like a real message', async () => {
    const alice = await connect(server, 'u-alice');
    const bruno = await connect(server, 'u-bruno');
    const aliceNew = nextEvent(alice, 'message:new');
    const brunoNew = nextEvent(bruno, 'message:new');
    const message = server.sendAs('u-bruno', 'c-lyon-t2', 'Toujours là ?');
    expect(message).toMatchObject({ seq: 121, senderId: 'u-bruno', content: 'Toujours là ?' });
    expect((await aliceNew).message).toEqual(message);
    expect((await brunoNew).message).toEqual(message);
    expect(server.state.unread('u-alice', 'c-lyon-t2')).toBe(4);
    expect(() => server.sendAs('u-chloe', 'c-lyon-t2', 'x')).toThrow(/FORBIDDEN/);
    expect(() => server.sendAs('u-bruno', 'c-lyon-t2', ' ')).toThrow(/content: must not be empty/);
  });

  it('logs what clients sent, per user', async () => {
    const alice = await connect(server, 'u-alice');
    const bruno = await connect(server, 'u-bruno');
    await request(alice, 'conversation:list', { limit: 1 });
    bruno.emit('typing:start', { conversationId: 'c-lyon-t2' });
    await tick();
    expect(server.received.map((r) => [r.userId, r.event])).toEqual([
      ['u-alice', 'conversation:list'],
      ['u-bruno', 'typing:start'],
    ]);
    expect(server.receivedBy('u-alice')).toEqual([
      expect.objectContaining({ event: 'conversation:list', payload: { limit: 1 }, withAck: true }),
    ]);
  });

  it('reset restores the seed, clears logs and faults and drops sockets', async () => {
    const alice = await connect(server, 'u-alice');
    await request(alice, 'message:send', send('r1'));
    server.failNext('sync', { code: 'UNAVAILABLE' });
    server.addUser({ id: 'u-dan', displayName: 'Dan', role: 'owner' });
    const gone = new Promise((resolve) => alice.once('disconnect', resolve));
    server.reset();
    expect(await gone).toBe('transport close');
    expect(server.state.messages('c-lyon-t2')).toHaveLength(120);
    expect(server.received).toEqual([]);
    const again = await connect(server, 'u-alice');
    expect((await request(again, 'sync', { cursors: {} })).ok).toBe(true);
    // Users added at runtime stay known after a reset.
    await expect(connect(server, 'u-dan')).resolves.toBeDefined();
  });

  it('inspects conversations, presence and connected users', async () => {
    await connect(server, 'u-bruno');
    expect(server.state.connectedUsers()).toEqual(['u-bruno']);
    expect(server.state.presence('u-bruno')).toMatchObject({ status: 'online' });
    expect(server.state.conversations('u-bruno').map((c) => c.id)).toEqual([
      'c-lyon-t2',
      'c-reze-maison',
    ]);
    expect(() => server.state.messages('nope')).toThrow(/no conversation "nope"/);
  });
});
