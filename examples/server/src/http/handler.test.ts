import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTokenVerifier } from '../auth';
import { createLogger } from '../logger';
import { startTestServer, type TestServer } from './test-server.test-fixtures';

// Real servers and sockets on a loaded machine: give them room (no assertion is about time).
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

const vapid = {
  VAPID_PUBLIC_KEY: Buffer.alloc(65, 4).toString('base64url'),
  VAPID_PRIVATE_KEY: Buffer.alloc(32, 7).toString('base64url'),
  VAPID_SUBJECT: 'mailto:ops@example.com',
};
const appOrigin = 'http://localhost:5173';

async function json(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}

function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('HTTP routes in development', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ ...vapid });
  });
  afterAll(() => server.close());

  it('answers /healthz and /readyz', async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await json(health)).toEqual({ status: 'ok' });
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });

  it('logs in a seeded demo user and the token verifies', async () => {
    const response = await postJson(`${server.url}/auth/dev-login`, { userId: 'u-owner-1' });
    expect(response.status).toBe(200);
    const body = await json(response);
    expect(body.user).toEqual({ userId: 'u-owner-1', displayName: 'Élodie Durand', role: 'owner' });
    const user = await createTokenVerifier(server.config)(body.token as string);
    expect(user).toMatchObject({
      userId: 'u-owner-1',
      displayName: 'Élodie Durand',
      role: 'owner',
    });
    expect(body.expiresAt).toBe(user.expiresAt);
  });

  it('answers 404 for an unknown demo user and 400 for a bad body', async () => {
    const unknown = await postJson(`${server.url}/auth/dev-login`, { userId: 'u-nobody' });
    expect(unknown.status).toBe(404);
    expect(await json(unknown)).toEqual({
      error: { code: 'NOT_FOUND', message: 'No demo user u-nobody' },
    });
    const bad = await postJson(`${server.url}/auth/dev-login`, { userId: 42 });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error).toMatchObject({
      code: 'INVALID',
      message: expect.stringMatching(/userId/),
    });
  });

  it('answers 400 INVALID to malformed JSON and to a non-JSON content type', async () => {
    const malformed = await postJson(`${server.url}/auth/dev-login`, '{"userId": ');
    expect(malformed.status).toBe(400);
    expect((await json(malformed)).error).toMatchObject({ code: 'INVALID' });
    const form = await fetch(`${server.url}/auth/dev-login`, {
      method: 'POST',
      body: 'userId=u-owner-1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(400);
  });

  it('answers 413 TOO_LARGE to an oversized JSON body', async () => {
    const response = await postJson(`${server.url}/auth/dev-login`, {
      userId: 'u',
      padding: 'x'.repeat(10_000),
    });
    expect(response.status).toBe(413);
    expect((await json(response)).error).toMatchObject({ code: 'TOO_LARGE' });
  });

  it('lists the demo users', async () => {
    const body = await json(await fetch(`${server.url}/auth/dev-users`));
    expect((body.users as unknown[]).length).toBeGreaterThanOrEqual(4);
  });

  it('serves the VAPID public key', async () => {
    expect(await json(await fetch(`${server.url}/push/public-key`))).toEqual({
      publicKey: vapid.VAPID_PUBLIC_KEY,
    });
  });

  it('answers 404 with the error shape for an unknown route, 405 for a wrong method', async () => {
    const missing = await fetch(`${server.url}/nope`);
    expect(missing.status).toBe(404);
    expect((await json(missing)).error).toMatchObject({ code: 'NOT_FOUND' });
    const wrong = await fetch(`${server.url}/auth/dev-login`);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toMatch(/POST/);
  });

  it('answers CORS preflights for allowed origins and refuses others', async () => {
    const preflight = await fetch(`${server.url}/uploads/sign`, {
      method: 'OPTIONS',
      headers: {
        origin: appOrigin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(appOrigin);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/);

    const simple = await fetch(`${server.url}/healthz`, { headers: { origin: appOrigin } });
    expect(simple.headers.get('access-control-allow-origin')).toBe(appOrigin);

    const foreign = await postJson(
      `${server.url}/auth/dev-login`,
      { userId: 'u-owner-1' },
      { origin: 'https://evil.example.com' },
    );
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    expect((await json(foreign)).error).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('survives a client that hangs up mid-body', async () => {
    await new Promise<void>((resolve) => {
      const req = request(`${server.url}/auth/dev-login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': '1000' },
      });
      req.on('error', () => resolve());
      req.write('{"userId":');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 50);
    });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe('HTTP routes outside development', () => {
  it('has no dev login in production or test mode', async () => {
    const envs: Record<string, string>[] = [
      {
        NODE_ENV: 'production',
        JWT_SECRET: 's'.repeat(32),
        ALLOWED_ORIGINS: 'https://app.example.com',
        CLOUDINARY_URL: 'cloudinary://1:s@demo',
      },
      { NODE_ENV: 'test' },
    ];
    for (const env of envs) {
      const server = await startTestServer(env);
      try {
        const response = await postJson(`${server.url}/auth/dev-login`, { userId: 'u-owner-1' });
        expect(response.status).toBe(404);
        expect((await fetch(`${server.url}/auth/dev-users`)).status).toBe(404);
      } finally {
        await server.close();
      }
    }
  });

  it('answers 404 for the push key without VAPID', async () => {
    const server = await startTestServer({ NODE_ENV: 'test' });
    try {
      const response = await fetch(`${server.url}/push/public-key`);
      expect(response.status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('answers 503 on /readyz when not ready or when ready() throws', async () => {
    const notReady = await startTestServer({ NODE_ENV: 'test' }, { ready: () => false });
    const failing = await startTestServer(
      { NODE_ENV: 'test' },
      { ready: () => Promise.reject(new Error('db down')) },
    );
    try {
      const response = await fetch(`${notReady.url}/readyz`);
      expect(response.status).toBe(503);
      expect((await json(response)).error).toMatchObject({ code: 'UNAVAILABLE' });
      expect((await fetch(`${failing.url}/readyz`)).status).toBe(503);
    } finally {
      await notReady.close();
      await failing.close();
    }
  });

  it('allows only the listed origins in production', async () => {
    const server = await startTestServer({
      NODE_ENV: 'production',
      JWT_SECRET: 's'.repeat(32),
      ALLOWED_ORIGINS: 'https://app.example.com',
      CLOUDINARY_URL: 'cloudinary://1:s@demo',
    });
    try {
      expect(
        (await fetch(`${server.url}/healthz`, { headers: { origin: 'https://app.example.com' } }))
          .status,
      ).toBe(200);
      expect(
        (await fetch(`${server.url}/healthz`, { headers: { origin: 'http://localhost:5173' } }))
          .status,
      ).toBe(403);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe('dev login with a public-key setup', () => {
  it('answers 404 with a reason instead of failing', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    const server = await startTestServer({ JWT_PUBLIC_KEY: pem });
    try {
      const response = await postJson(`${server.url}/auth/dev-login`, { userId: 'u-owner-1' });
      expect(response.status).toBe(404);
      expect((await json(response)).error).toMatchObject({
        message: expect.stringMatching(/JWT_SECRET/),
      });
    } finally {
      await server.close();
    }
  });
});

describe('a route that fails unexpectedly', () => {
  it('answers 500 and logs the error kind, not its message nor the query string', async () => {
    const lines: string[] = [];
    const server = await startTestServer(
      {},
      {
        logger: createLogger('info', { write: (line: string) => void lines.push(line) }),
        findSeedUser: (id) => {
          // A library error quoting its input, as a database driver's does.
          throw new TypeError(`cannot read "${id}"`);
        },
      },
    );
    try {
      const response = await postJson(`${server.url}/auth/dev-login?q=QUERY-SECRET`, {
        userId: 'BODY-SECRET',
      });
      expect(response.status).toBe(500);
      const logged = lines.join('');
      expect(logged).toContain('request failed');
      expect(logged).toContain('TypeError');
      expect(logged).toContain('/auth/dev-login');
      expect(logged).not.toContain('SECRET');
    } finally {
      await server.close();
    }
  });
});
