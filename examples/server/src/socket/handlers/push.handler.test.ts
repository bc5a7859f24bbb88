import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { userIds } from '../../services/test-fixtures';
import { type TestServer, request, startTestServer } from '../test-helpers';

// PGlite runs PostgreSQL in WebAssembly: generous limits on slow shared machines.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 600_000 });

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 600_000);
afterAll(() => server?.close());

const subscription = (endpoint: string) => ({
  endpoint,
  expirationTime: null,
  keys: { p256dh: 'p', auth: 'a' },
});

describe('push:subscribe', () => {
  it('refuses endpoints on private, local or reserved hosts with INVALID, storing nothing', async () => {
    const [ana] = userIds('ana');
    const socket = await server.connect(ana);
    for (const [endpoint, message] of [
      ['https://169.254.169.254/latest', /private or reserved address/],
      ['https://[::1]/push', /private or reserved address/],
      ['https://localhost/push', /not a local name/],
      ['https://intranet/push', /domain name/],
      ['https://push.example.com:8443/push', /default https port/],
    ] as const) {
      expect(
        await request(socket, 'push:subscribe', { subscription: subscription(endpoint) }),
        endpoint,
      ).toEqual({
        ok: false,
        error: { code: 'INVALID', message: expect.stringMatching(message) },
      });
    }
    expect(await server.db.push.forUser(ana)).toEqual([]);
  });

  it('stores a public endpoint, and the previews choice when given', async () => {
    const [ana] = userIds('ana');
    const socket = await server.connect(ana);
    const endpoint = `https://fcm.googleapis.com/fcm/send/${ana}`;
    expect(
      await request(socket, 'push:subscribe', {
        subscription: subscription(endpoint),
        previews: false,
      }),
    ).toEqual({ ok: true, data: {} });
    expect(await server.db.push.targets(ana)).toEqual({
      previews: false,
      subscriptions: [{ ...subscription(endpoint), userId: ana }],
    });
  });

  it('accepts a local endpoint when the server allows private endpoints (tests, development)', async () => {
    const open = await startTestServer({ push: { allowPrivateEndpoints: true } }, server.db);
    try {
      const [ana] = userIds('ana');
      const socket = await open.connect(ana);
      const endpoint = 'https://127.0.0.1:4433/push';
      expect(
        await request(socket, 'push:subscribe', { subscription: subscription(endpoint) }),
      ).toEqual({ ok: true, data: {} });
    } finally {
      await open.close();
    }
  });
});
