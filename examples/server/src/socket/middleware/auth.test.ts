// The handshake as a socket.io-client sees it, with the real token verifier: what the refusals
// say, what the server logs of them, and the per-user socket cap.
import { type JWTPayload, SignJWT } from 'jose';
import { io as connectClient } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTokenVerifier } from '../../auth';
import { type TestDatabase, openTestPglite } from '../../db/test-backends';
import { userIds } from '../../services/test-fixtures';
import type { UserProfile } from '../../services/users.service';
import { type LogLine, type TestServer, capturingLogger, startTestServer } from '../test-helpers';

// PGlite runs PostgreSQL in WebAssembly: generous limits on slow shared machines.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 600_000 });

const secret = new TextEncoder().encode('auth-middleware-test-secret-of-32-bytes');
const MAX_SOCKETS = 3;

/** A token as a host app signs it: issued now, valid an hour unless `claims` say otherwise. */
function sign(claims: JWTPayload & { sub: string }): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ iat: now, exp: now + 3600, ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(secret);
}

/** How the next user upserts behave: stored as usual unless a test says otherwise. */
let upsertFault: ((profile: UserProfile) => Promise<void>) | undefined;
let database: TestDatabase;
let server: TestServer;
let logLines: LogLine[];

beforeAll(async () => {
  database = await openTestPglite();
  const { logger, lines } = capturingLogger();
  logLines = lines;
  const store = {
    ...database,
    users: {
      ...database.users,
      upsert: (profile: UserProfile) =>
        upsertFault ? upsertFault(profile) : database.users.upsert(profile),
    },
  };
  server = await startTestServer(
    {
      verifyToken: createTokenVerifier({
        jwt: { algorithm: 'HS256', secret, isDevDefault: false },
      }),
      logger,
      maxSocketsPerUser: MAX_SOCKETS,
    },
    store,
  );
}, 600_000);
afterEach(() => {
  upsertFault = undefined;
});
afterAll(async () => {
  await server?.close();
  await database?.destroy();
});

/** The `err.data` of a refused handshake (fails the test if it connects). */
async function refusal(connecting: Promise<unknown>): Promise<unknown> {
  return connecting.then(
    () => {
      throw new Error('connected');
    },
    (error: { data?: unknown }) => error.data,
  );
}

/** Connects `userId` with a token this server's verifier accepts. */
async function connectAs(userId: string) {
  return server.connect(userId, { token: await sign({ sub: userId }) });
}

/** The user's socket, as the server holds it. */
function serverSocket(clientId: string | undefined) {
  const socket = clientId ? server.io.of('/').sockets.get(clientId) : undefined;
  if (!socket) throw new Error('no such socket on the server');
  return socket;
}

describe('identity claims', () => {
  it('refuses a sub holding NUL as UNAUTHORIZED (not OVERLOADED), and logs nothing of it', async () => {
    const sub = 'nul-sub-4e1f\u0000tail';
    const token = await sign({ sub, name: 'Nul Name 4e1f' });
    expect(await refusal(server.connect('', { token }))).toEqual({
      code: 'UNAUTHORIZED',
      message: 'invalid token',
    });
    expect(JSON.stringify(logLines)).not.toMatch(/4e1f/);
  });

  it('refuses a token that lives longer than the maximum, or is issued in the future', async () => {
    const [ana] = userIds('ana');
    const now = Math.floor(Date.now() / 1000);
    for (const claims of [
      { iat: now, exp: now + 2 * 24 * 3600 },
      { iat: now + 3600, exp: now + 7200 },
    ]) {
      const token = await sign({ sub: ana, ...claims });
      expect(await refusal(server.connect(ana, { token }))).toEqual({
        code: 'UNAUTHORIZED',
        message: 'invalid token',
      });
    }
  });
});

describe('a failing user upsert', () => {
  it('is UNAUTHORIZED when the database refuses the claims themselves, OVERLOADED otherwise', async () => {
    const [ana] = userIds('ana');
    const token = await sign({ sub: ana, name: 'Secret Name 77c2' });
    // As drizzle reports it: the message quotes the query's parameters, the cause has the SQLSTATE.
    const failure = (code: string) =>
      Object.assign(new Error(`Failed query: insert ... params: ${ana},Secret Name 77c2`), {
        cause: Object.assign(new Error('invalid byte sequence'), { code }),
      });
    upsertFault = () => Promise.reject(failure('22021'));
    expect(await refusal(server.connect(ana, { token }))).toEqual({
      code: 'UNAUTHORIZED',
      message: 'invalid token',
    });
    upsertFault = () => Promise.reject(failure('57P01'));
    expect(await refusal(server.connect(ana, { token }))).toEqual({
      code: 'OVERLOADED',
      message: 'storage unavailable, retry later',
    });
    const logged = JSON.stringify(logLines);
    expect(logged).toMatch(/user upsert/);
    expect(logged).not.toContain(ana);
    expect(logged).not.toMatch(/77c2/);
  });
});

describe('sockets per user', () => {
  it('refuses one socket past the cap with OVERLOADED, other users still welcome', async () => {
    const [ana, bruno] = userIds('ana', 'bruno');
    const sockets = [];
    for (let i = 0; i < MAX_SOCKETS; i++) sockets.push(await connectAs(ana));
    expect(await refusal(connectAs(ana))).toEqual({
      code: 'OVERLOADED',
      message: 'too many connections for this user',
    });
    await expect(connectAs(bruno)).resolves.toBeTruthy();

    // A socket that leaves gives its slot back.
    const leaving = sockets[0];
    const left = new Promise((resolve) => serverSocket(leaving?.id).once('disconnect', resolve));
    leaving?.disconnect();
    await left;
    await expect(connectAs(ana)).resolves.toBeTruthy();
  });

  it('lets exactly the cap through when many handshakes of one user arrive at once', async () => {
    const [ana] = userIds('ana');
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => connectAs(ana)));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(MAX_SOCKETS);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') {
        expect((outcome.reason as { data?: unknown }).data).toMatchObject({ code: 'OVERLOADED' });
      }
    }
  });

  it('gives the slot back when the handshake fails after taking it', async () => {
    const [ana] = userIds('ana');
    upsertFault = () => Promise.reject(new Error('connection terminated'));
    for (let i = 0; i < MAX_SOCKETS + 2; i++) {
      expect(await refusal(connectAs(ana))).toMatchObject({ code: 'OVERLOADED' });
    }
    upsertFault = undefined;
    for (let i = 0; i < MAX_SOCKETS; i++) await expect(connectAs(ana)).resolves.toBeTruthy();
  });

  it('gives the slot back when the client leaves in the middle of its handshake', async () => {
    const [ana] = userIds('ana');
    let reached!: () => void;
    const upserting = new Promise<void>((resolve) => (reached = resolve));
    let finish!: () => void;
    const held = new Promise<void>((resolve) => (finish = resolve));
    upsertFault = async (profile) => {
      reached();
      await held;
      await database.users.upsert(profile);
    };
    const connectionClosed = new Promise<void>((resolve) =>
      server.io.engine.once('connection', (conn: { once(e: 'close', l: () => void): void }) =>
        conn.once('close', resolve),
      ),
    );
    const client = connectClient(server.url, {
      auth: { token: await sign({ sub: ana }) },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    await upserting;
    // The client gives up: socket.io then never connects that socket, nor emits its disconnect.
    client.close();
    await connectionClosed;
    finish();
    upsertFault = undefined;
    for (let i = 0; i < MAX_SOCKETS; i++) await expect(connectAs(ana)).resolves.toBeTruthy();
  });
});
