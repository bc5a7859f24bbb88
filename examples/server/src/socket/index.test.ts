import { randomUUID } from 'node:crypto';
import { MAX_PACKET_BYTES } from '@causette/protocol';
import { io as connectClient } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { userIds } from '../services/test-fixtures';
import {
  type TestServer,
  nextEvent,
  request,
  signTestToken,
  startTestServer,
} from './test-helpers';

// PGlite runs PostgreSQL in WebAssembly: generous limits on slow shared machines.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 600_000 });

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    // A thrown error inside a handler must become INTERNAL, never a crash.
    verifyAttachment: async (attachment) => {
      if (attachment.publicId === 'explode') throw new Error('boom');
      return true;
    },
    rateRules: { messages: { capacity: 3, windowMs: 60_000 } },
  });
}, 600_000);
afterAll(() => server?.close());

const handshakeError = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('connected');
    },
    (error: { message: string; data?: unknown }) => error,
  );

describe('handshake', () => {
  it('refuses a missing, forged or expired token with the code in err.data', async () => {
    const [ana] = userIds('ana');
    expect((await handshakeError(server.connect(ana, { token: '' }))).data).toEqual({
      code: 'UNAUTHORIZED',
      message: 'missing token',
    });
    const forged = `${(await signTestToken({ sub: ana })).slice(0, -4)}AAAA`;
    expect((await handshakeError(server.connect(ana, { token: forged }))).data).toMatchObject({
      code: 'UNAUTHORIZED',
    });
    const expired = await signTestToken({ sub: ana, expiresIn: -10 });
    expect((await handshakeError(server.connect(ana, { token: expired }))).data).toEqual({
      code: 'TOKEN_EXPIRED',
      message: 'token expired',
    });
  });

  it('accepts an Authorization: Bearer header', async () => {
    const [ana] = userIds('ana');
    const token = await signTestToken({ sub: ana });
    const client = connectClient(server.url, {
      transports: ['polling'],
      extraHeaders: { Authorization: `Bearer ${token}` },
      reconnection: false,
      forceNew: true,
    });
    await new Promise<void>((resolve, reject) => {
      client.once('connect', resolve);
      client.once('connect_error', reject);
    });
    expect((await request(client, 'conversation:list', {})).ok).toBe(true);
    client.disconnect();
  });

  it('drops a socket whose token expires, saying session:expired first', async () => {
    const [ana] = userIds('ana');
    const client = await server.connect(ana, {
      token: await signTestToken({ sub: ana, expiresIn: 2 }),
    });
    const expired = nextEvent(client, 'session:expired', 8000);
    const disconnected = new Promise((resolve) => client.once('disconnect', resolve));
    expect(await expired).toEqual({});
    expect(await disconnected).toBe('io server disconnect');
  }, 15_000);
});

describe('robustness', () => {
  it('answers unknown events and non-object payloads with INVALID, and survives a missing ack', async () => {
    const [ana] = userIds('ana');
    const client = await server.connect(ana);
    const raw = client as unknown as { emit(event: string, ...args: unknown[]): void };
    expect(await request(client, 'message:delete', { id: 1 })).toEqual({
      ok: false,
      error: { code: 'INVALID', message: 'unknown event message:delete' },
    });
    raw.emit('whatever');
    // Names an object has of its own kind are unknown events too, not lookups.
    for (const event of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(await request(client, event, {})).toEqual({
        ok: false,
        error: { code: 'INVALID', message: `unknown event ${event}` },
      });
    }
    for (const payload of [null, 'hello', 42, [], undefined]) {
      expect(await request(client, 'conversation:list', payload)).toMatchObject({
        ok: false,
        error: { code: 'INVALID' },
      });
    }
    expect(await request(client, 'conversation:list')).toMatchObject({
      ok: false,
      error: { code: 'INVALID' },
    });
    raw.emit('conversation:list', {});
    raw.emit('message:send', { nonsense: true });
    raw.emit('typing:start', 'garbage');
    expect((await request(client, 'conversation:list', {})).ok).toBe(true);
  });

  it('turns a thrown error into INTERNAL and keeps serving', async () => {
    const [ana, bruno] = userIds('ana', 'bruno');
    const client = await server.connect(ana);
    await server.connect(bruno);
    const conversationId = (await request(client, 'conversation:open', { participantIds: [bruno] }))
      .data.conversation.id;
    const attachment = {
      url: 'https://x.test/a.png',
      publicId: 'explode',
      width: 1,
      height: 1,
      bytes: 1,
      format: 'png',
    };
    expect(
      await request(client, 'message:send', {
        clientId: randomUUID(),
        conversationId,
        type: 'IMAGE',
        attachment,
      }),
    ).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'internal error' },
    });
    expect((await request(client, 'conversation:get', { conversationId })).ok).toBe(true);
  });

  it('rate-limits sends per user across sockets with retryAfterMs', async () => {
    const [ana, bruno] = userIds('ana', 'bruno');
    const phone = await server.connect(ana);
    const laptop = await server.connect(ana);
    await server.connect(bruno);
    const conversationId = (await request(phone, 'conversation:open', { participantIds: [bruno] }))
      .data.conversation.id;
    const acks = await Promise.all(
      [phone, laptop, phone, laptop].map((s) =>
        request(s, 'message:send', {
          clientId: randomUUID(),
          conversationId,
          type: 'TEXT',
          content: 'x',
        }),
      ),
    );
    expect(acks.filter((a) => a.ok)).toHaveLength(3);
    expect(acks.find((a) => !a.ok)).toMatchObject({
      error: { code: 'RATE_LIMITED', retryAfterMs: expect.any(Number) },
    });
  });

  it('caps packets at 64 KiB by dropping the connection', async () => {
    const [ana] = userIds('ana');
    const client = await server.connect(ana);
    const dropped = new Promise((resolve) => client.once('disconnect', resolve));
    (client as unknown as { emit(e: string, p: unknown): void }).emit('message:search', {
      query: 'x'.repeat(MAX_PACKET_BYTES + 10),
    });
    expect(await dropped).toBe('transport close');
  });
});
