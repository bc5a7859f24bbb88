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
  const state = { ready: true };
  return {
    calls,
    state,
    open: (options: DatabaseOptions) => {
      calls.push(`open:${options.pgliteDir}:${options.databaseUrl ?? ''}`);
      return Promise.resolve({
        isReady: () => state.ready,
        close: () => {
          calls.push('close');
          return Promise.resolve();
        },
      });
    },
  };
}

describe('startServer', () => {
  it('is live but not ready until the socket layer is attached', async () => {
    let attach!: () => void;
    const attaching = new Promise<void>((resolve) => (attach = resolve));
    let listeningAt: string | undefined;
    const starting = startServer(loadConfig({ PORT: '0', LOG_LEVEL: 'silent' }), {
      logger: silent,
      openDatabase: fakeDatabase().open,
      attachSocketServer: async (httpServer) => {
        const address = httpServer.address();
        if (address && typeof address === 'object') {
          listeningAt = `http://127.0.0.1:${address.port}`;
        }
        await attaching;
        return { io: {}, close: () => undefined };
      },
    });
    await vi.waitFor(() => expect(listeningAt).toBeDefined());
    expect((await fetch(`${listeningAt}/healthz`)).status).toBe(200);
    expect((await fetch(`${listeningAt}/readyz`)).status).toBe(503);
    attach();
    const server = await starting;
    try {
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('is not ready while its database does not answer, and ready again when it does', async () => {
    const db = fakeDatabase();
    const server = await startServer(loadConfig({ PORT: '0', LOG_LEVEL: 'silent' }), {
      logger: silent,
      openDatabase: db.open,
    });
    try {
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      db.state.ready = false;
      expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      db.state.ready = true;
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

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
      prepareSocketServer: (config) => {
        // Before listening: nothing attached yet, and the configuration is the one given.
        db.calls.push(`prepare:${String(received === undefined)}:${config.database.pgliteDir}`);
        return Promise.resolve();
      },
      attachSocketServer: (_http, deps) => {
        received = deps;
        return { io: {}, close: () => void (socketClosed = true) };
      },
    });
    expect(db.calls).toEqual(['open:memory://:', 'seed', 'prepare:true:memory://']);
    expect(received?.isOriginAllowed('http://localhost:5173')).toBe(true);
    expect(received?.isOriginAllowed('https://evil.example.com')).toBe(false);
    await expect(
      received?.verifyAttachment(
        {
          url: 'https://x.example.com/a.png',
          publicId: 'a',
          width: 1,
          height: 1,
          bytes: 1,
          format: 'png',
        },
        'u-owner-1',
      ),
    ).resolves.toBe(false);
    await server.close();
    expect(socketClosed).toBe(true);
    expect(db.calls).toEqual(['open:memory://:', 'seed', 'prepare:true:memory://', 'close']);
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
