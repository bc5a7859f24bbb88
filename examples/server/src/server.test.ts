import { request } from 'node:http';
import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { loadConfig } from './config';
import { startServer, type DatabaseOptions, type SocketServerDeps } from './server';

// Real servers and sockets on a loaded machine: give them room (no assertion is about time).
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

const silent = pino({ level: 'silent' });

function fakeDatabase() {
  const calls: string[] = [];
  return {
    calls,
    open: (options: DatabaseOptions) => {
      calls.push(`open:${options.pgliteDir}:${options.databaseUrl ?? ''}`);
      return Promise.resolve({
        isReady: () => true,
        close: () => {
          calls.push('close');
          return Promise.resolve();
        },
      });
    },
  };
}

describe('startServer', () => {
  it('listens on a free port, with PUBLIC_URL following it, and serves the HTTP routes', async () => {
    const server = await startServer(loadConfig({ PORT: '0', LOG_LEVEL: 'silent' }), {
      logger: silent,
    });
    try {
      expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
      expect(server.config.publicUrl).toBe(server.url);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      const signed = await fetch(`${server.url}/auth/dev-login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: 'u-advertiser-1' }),
      });
      expect(signed.status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('opens the database, seeds it in development, attaches the socket server, and closes both', async () => {
    const db = fakeDatabase();
    let received: SocketServerDeps<unknown> | undefined;
    let socketClosed = false;
    const server = await startServer(loadConfig({ PORT: '0', PGLITE_DIR: 'memory://' }), {
      logger: silent,
      openDatabase: db.open,
      seedDatabase: () => {
        db.calls.push('seed');
        return Promise.resolve();
      },
      attachSocketServer: (_http, deps) => {
        received = deps;
        return { io: {}, close: () => void (socketClosed = true) };
      },
    });
    expect(db.calls).toEqual(['open:memory://:', 'seed']);
    expect(received?.isOriginAllowed('http://localhost:5173')).toBe(true);
    expect(received?.isOriginAllowed('https://evil.example.com')).toBe(false);
    await expect(
      received?.verifyAttachment({
        url: 'https://x.example.com/a.png',
        publicId: 'a',
        width: 1,
        height: 1,
        bytes: 1,
        format: 'png',
      }),
    ).resolves.toBe(false);
    await server.close();
    expect(socketClosed).toBe(true);
    expect(db.calls).toEqual(['open:memory://:', 'seed', 'close']);
    await server.close(); // idempotent
  });

  it('does not seed outside development', async () => {
    const db = fakeDatabase();
    const server = await startServer(loadConfig({ PORT: '0', NODE_ENV: 'test' }), {
      logger: silent,
      openDatabase: db.open,
      seedDatabase: () => Promise.reject(new Error('must not seed')),
    });
    await server.close();
    expect(db.calls).toEqual(['open:./.data/pglite:', 'close']);
  });

  it('closes the database when it cannot listen', async () => {
    const first = await startServer(loadConfig({ PORT: '0', NODE_ENV: 'test' }), {
      logger: silent,
    });
    const db = fakeDatabase();
    try {
      await expect(
        startServer(loadConfig({ PORT: String(first.port), NODE_ENV: 'test' }), {
          logger: silent,
          openDatabase: db.open,
        }),
      ).rejects.toThrow(/EADDRINUSE/);
      expect(db.calls.at(-1)).toBe('close');
    } finally {
      await first.close();
    }
  });

  it('drains: refuses readiness and new connections, lets an in-flight request finish', async () => {
    const server = await startServer(loadConfig({ PORT: '0' }), { logger: silent });
    const arrived = new Promise<void>((resolve) =>
      server.httpServer.once('request', () => resolve()),
    );
    let finishBody: () => void = () => undefined;
    const inFlight = new Promise<number>((resolve, reject) => {
      const req = request(
        `${server.url}/auth/dev-login`,
        { method: 'POST', headers: { 'content-type': 'application/json' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.write('{"userId":');
      finishBody = () => req.end('"u-owner-2"}');
    });
    // The request is under way when the drain starts; its body completes afterwards.
    await arrived;
    const closed = server.close();
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    finishBody();
    expect(await inFlight).toBe(200);
    await closed;
  });
});
