// The mock in real Chromium, as Storybook and component tests use it: msw's setupWorker patches
// the page's WebSocket and the browser build of socket.io-client goes through it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMockChatServer } from './server';
import {
  collect,
  connect,
  disconnectAll,
  nextEvent,
  request,
  requestWithin,
} from './test-clients.test-fixtures';

const server = createMockChatServer();
beforeAll(() => server.listen());
afterEach(() => {
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

describe('in a browser page', () => {
  it('runs in a real browser, not in Node', () => {
    expect(typeof window).toBe('object');
    expect(
      (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node,
    ).toBeUndefined();
  });

  it('fans a message out from one socket.io client to another user', async () => {
    const alice = await connect(server, 'u-alice');
    const bruno = await connect(server, 'u-bruno');
    const delivered = nextEvent(bruno, 'message:new');
    const ack = await request(alice, 'message:send', send('from-the-page'));
    expect(ack).toMatchObject({ ok: true, data: { message: { clientId: 'from-the-page' } } });
    expect(await delivered).toMatchObject({
      message: { clientId: 'from-the-page', content: 'Bonjour', senderId: 'u-alice' },
    });
    expect(server.state.messages('c-lyon-t2').at(-1)?.content).toBe('Bonjour');
  });

  it('refuses a bad token at the handshake with the protocol error', async () => {
    const refused = connect(server, 'u-alice', { token: 'not-a-token' });
    await expect(refused).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
  });

  it('goOffline drops the socket and refuses reconnection until goOnline', async () => {
    const alice = await connect(server, 'u-alice', {
      reconnection: true,
      reconnectionDelay: 10,
      reconnectionDelayMax: 20,
    });
    const reason = new Promise((resolve) => alice.once('disconnect', resolve));
    server.goOffline();
    expect(await reason).toBe('transport close');
    await expect(connect(server, 'u-bruno')).rejects.toThrow(/websocket error/);
    expect(alice.connected).toBe(false);
    const back = new Promise((resolve) => alice.once('connect', () => resolve(true)));
    server.goOnline();
    expect(await back).toBe(true);
    expect(server.state.socketCount('u-alice')).toBe(1);
  });

  it('dropNextAck loses the ack but keeps the message; the resend does not duplicate it', async () => {
    const alice = await connect(server, 'u-alice');
    const bruno = await connect(server, 'u-bruno');
    const brunoNew = collect(bruno, 'message:new');
    server.dropNextAck('message:send');
    await expect(requestWithin(200, alice, 'message:send', send('lost-ack'))).rejects.toThrow(
      /timed out/,
    );
    const resend = await request(alice, 'message:send', send('lost-ack'));
    expect(resend).toMatchObject({ ok: true, data: { message: { clientId: 'lost-ack' } } });
    const copies = server.state.messages('c-lyon-t2').filter((m) => m.clientId === 'lost-ack');
    expect(copies).toHaveLength(1);
    expect(brunoNew.map((event) => event.message.clientId)).toEqual(['lost-ack']);
  });
});
