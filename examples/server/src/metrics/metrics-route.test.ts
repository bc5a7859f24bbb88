// Who may read GET /metrics: anyone on a developer's machine without a token, nobody elsewhere
// without one (404), and only the bearer of METRICS_TOKEN once it is set.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type TestServer, startTestServer } from '../http/test-server.test-fixtures';
import { createServerMetrics } from './metrics';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

const TOKEN = 'metrics-token-0123456789abcdef';
const production = {
  NODE_ENV: 'production',
  JWT_SECRET: 'a-production-secret-of-at-least-32-bytes!',
  ALLOWED_ORIGINS: 'https://app.example.com',
};

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server whose metrics already counted one stored message. */
async function serve(env: Record<string, string>): Promise<TestServer> {
  const metrics = createServerMetrics({ processMetrics: false });
  metrics.messageStored();
  server = await startTestServer(env, { metrics });
  return server;
}

const scrape = (headers: Record<string, string> = {}) =>
  fetch(`${server!.url}/metrics`, { headers });

describe('GET /metrics', () => {
  it('is absent (404) outside development when METRICS_TOKEN is unset', async () => {
    for (const env of [production, { NODE_ENV: 'test' }]) {
      await serve(env);
      const response = await scrape({ authorization: `Bearer ${TOKEN}` });
      expect(response.status).toBe(404);
      expect(await response.text()).not.toMatch(/causette_/);
      await server!.close();
      server = undefined;
    }
  });

  it('refuses a missing, wrong or differently long token with 401', async () => {
    await serve({ ...production, METRICS_TOKEN: TOKEN });
    for (const headers of [
      {} as Record<string, string>,
      { authorization: 'Bearer metrics-token-0123456789abcdeX' },
      { authorization: `Bearer ${TOKEN}0` },
      { authorization: `Basic ${Buffer.from(`u:${TOKEN}`).toString('base64')}` },
    ]) {
      const response = await scrape(headers);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await response.json()).toEqual({
        error: { code: 'UNAUTHORIZED', message: expect.any(String) },
      });
    }
  });

  it('serves the Prometheus text to the bearer of the token', async () => {
    await serve({ ...production, METRICS_TOKEN: TOKEN });
    const response = await scrape({ authorization: `Bearer ${TOKEN}` });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    expect(text).toMatch(/^# HELP causette_messages_stored_total /m);
    expect(text).toMatch(/^causette_messages_stored_total 1$/m);
  });

  it('is open in development without a token, and closed there too once one is set', async () => {
    await serve({ NODE_ENV: 'development' });
    const open = await scrape();
    expect(open.status).toBe(200);
    expect(await open.text()).toMatch(/^causette_messages_stored_total 1$/m);
    await server!.close();

    await serve({ NODE_ENV: 'development', METRICS_TOKEN: 'short' });
    expect((await scrape()).status).toBe(401);
    expect((await scrape({ authorization: 'Bearer short' })).status).toBe(200);
  });

  it('answers HEAD like GET without a body, and refuses POST', async () => {
    await serve({ NODE_ENV: 'development' });
    const head = await fetch(`${server!.url}/metrics`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await fetch(`${server!.url}/metrics`, { method: 'POST' })).status).toBe(405);
  });
});
