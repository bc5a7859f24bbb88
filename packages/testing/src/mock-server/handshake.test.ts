import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMockChatServer } from './server';
import { connect, disconnectAll, nextEvent, request } from './test-clients.test-fixtures';

const server = createMockChatServer();
beforeAll(() => server.listen());
afterEach(() => {
  disconnectAll();
  server.reset();
});
afterAll(() => server.close());

describe('handshake', () => {
  it('accepts a token from tokenFor and serves requests', async () => {
    const alice = await connect(server, 'u-alice');
    expect(alice.connected).toBe(true);
    const ack = await request(alice, 'conversation:get', { conversationId: 'c-lyon-t2' });
    expect(ack).toMatchObject({
      ok: true,
      data: { conversation: { id: 'c-lyon-t2', lastSeq: 120 } },
    });
  });

  it('refuses a missing, malformed or unknown-user token with UNAUTHORIZED in err.data', async () => {
    for (const token of ['', 'not-a-jwt', server.tokenFor('u-nobody')]) {
      const error = await connect(server, 'u-alice', { token }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as { data?: unknown }).data).toMatchObject({ code: 'UNAUTHORIZED' });
    }
  });

  it('refuses an expired token with TOKEN_EXPIRED', async () => {
    const token = server.tokenFor('u-alice', { expiresInMs: -1000 });
    const error = await connect(server, 'u-alice', { token }).catch((e: unknown) => e);
    expect((error as { data?: unknown }).data).toEqual({
      code: 'TOKEN_EXPIRED',
      message: 'token expired',
    });
  });

  it('sends session:expired then disconnects when the token runs out while connected', async () => {
    const alice = await connect(server, 'u-alice', {
      token: server.tokenFor('u-alice', { expiresInMs: 150 }),
    });
    const expired = nextEvent(alice, 'session:expired');
    const reason = new Promise((resolve) => alice.once('disconnect', resolve));
    await expect(expired).resolves.toEqual({});
    await expect(reason).resolves.toBe('io server disconnect');
  });
});

describe('message:send', () => {
  it('acks the stored message and fans out message:new to the other members', async () => {
    const alice = await connect(server, 'u-alice');
    const bruno = await connect(server, 'u-bruno');
    const brunoNew = nextEvent(bruno, 'message:new');
    const ack = await request(alice, 'message:send', {
      clientId: 'c1',
      conversationId: 'c-lyon-t2',
      type: 'TEXT',
      content: '  Bonjour  ',
    });
    expect(ack).toMatchObject({
      ok: true,
      data: { message: { seq: 121, content: 'Bonjour', senderId: 'u-alice', clientId: 'c1' } },
    });
    expect((await brunoNew).message).toEqual(ack.data.message);
  });
});
