// The Origin check as socket.io-client sees it, on each transport.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { userIds } from '../../services/test-fixtures';
import { type TestServer, startTestServer, verifyTestToken } from '../test-helpers';

// PGlite runs PostgreSQL in WebAssembly: generous limits on slow shared machines.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 600_000 });

const verifyToken = vi.fn(verifyTestToken);
let server: TestServer;
beforeAll(async () => {
  // startTestServer allows https://app.test only.
  server = await startTestServer({ verifyToken });
}, 600_000);
afterAll(() => server?.close());

describe('the Origin check', () => {
  it('answers a refused origin with ORIGIN_REJECTED in err.data on both transports, before the token', async () => {
    const [ana] = userIds('ana');
    for (const transports of [['websocket'], ['polling']]) {
      verifyToken.mockClear();
      const refused = await server.connect(ana, { origin: 'https://evil.test', transports }).then(
        () => undefined,
        (error: { data?: unknown }) => error,
      );
      expect(refused, transports[0]).toMatchObject({
        message: 'origin not allowed',
        data: { code: 'ORIGIN_REJECTED', message: 'origin not allowed' },
      });
      expect(verifyToken).not.toHaveBeenCalled();
    }
  });

  it('lets an allowed origin and a client without Origin through', async () => {
    const [ana] = userIds('ana');
    for (const transports of [['websocket'], ['polling']]) {
      await expect(
        server.connect(ana, { origin: 'https://app.test', transports }),
      ).resolves.toBeTruthy();
      await expect(server.connect(ana, { transports })).resolves.toBeTruthy();
    }
  });

  it("keeps long-polling answers unreadable to a refused origin's pages (no CORS grant)", async () => {
    const handshake = (origin: string) =>
      fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, { headers: { Origin: origin } });
    const refused = await handshake('https://evil.test');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    await refused.body?.cancel();
    const allowed = await handshake('https://app.test');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.test');
    await allowed.body?.cancel();
  });
});
