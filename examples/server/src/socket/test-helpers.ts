// Test doubles for the auth and upload modules, and a real server + real clients harness.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  ClientToServerEvents,
  ImageAttachment,
  ServerToClientEvents,
} from '@causette/protocol';
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import pino, { type Logger } from 'pino';
import { type Socket, io as connectClient } from 'socket.io-client';
import { type TestDatabase, openTestPglite } from '../db/test-backends';
import { createLogger } from '../logger';
import { openConversationPolicy } from './conversation-policy';
import { type SocketServerDeps, attachSocketServer } from './index';
import type { ChatServer, VerifiedIdentity } from './types';

const secret = new TextEncoder().encode('test-secret-that-is-long-enough-for-hs256');

export interface TokenClaims {
  sub: string;
  name?: string;
  /** Seconds from now; negative for an already expired token. */
  expiresIn?: number;
}

export async function signTestToken(claims: TokenClaims): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ name: claims.name ?? claims.sub })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuedAt(now - 60)
    .setExpirationTime(now + (claims.expiresIn ?? 3600))
    .sign(secret);
}

/** What the auth module will provide: HS256 pinned, errors carrying their handshake code. */
export async function verifyTestToken(token: string): Promise<VerifiedIdentity> {
  try {
    const { payload } = await jwtVerify(token, secret, {
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'sub'],
    });
    return {
      userId: payload.sub as string,
      displayName: typeof payload.name === 'string' ? payload.name : (payload.sub as string),
      expiresAt: (payload.exp as number) * 1000,
    };
  } catch (error) {
    const code = error instanceof joseErrors.JWTExpired ? 'TOKEN_EXPIRED' : 'UNAUTHORIZED';
    throw Object.assign(new Error(code), { code });
  }
}

export const TRUSTED_UPLOADS = 'https://uploads.test/';

export async function verifyTestAttachment(attachment: ImageAttachment): Promise<boolean> {
  return attachment.url.startsWith(TRUSTED_UPLOADS);
}

export type TestClient = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TestServer {
  url: string;
  io: ChatServer;
  db: TestDatabase;
  /** Connects `userId` and waits for the handshake; rejects with the connect_error. */
  connect(
    userId: string,
    options?: { token?: string; origin?: string; transports?: string[] },
  ): Promise<TestClient>;
  /** The socket layer's own close() (the drain), with the test's clients still connected. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

type Overrides = Partial<Omit<SocketServerDeps, 'store'>>;

/** A real HTTP server with the socket layer on a random port, over a private PGlite. */
export async function startTestServer(
  overrides: Overrides = {},
  database?: TestDatabase,
): Promise<TestServer> {
  const db = database ?? (await openTestPglite());
  const http = createServer();
  const handle = attachSocketServer(http, {
    store: db,
    verifyToken: verifyTestToken,
    verifyAttachment: verifyTestAttachment,
    // Tests open conversations between arbitrary users; the policy is a test's to choose.
    conversationPolicy: openConversationPolicy,
    allowedOrigins: ['https://app.test'],
    logger: pino({ level: 'silent' }),
    ...overrides,
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const clients: TestClient[] = [];
  return {
    url,
    io: handle.io,
    db,
    async connect(userId, options = {}) {
      const token = options.token ?? (await signTestToken({ sub: userId, name: `User ${userId}` }));
      const client: TestClient = connectClient(url, {
        auth: { token },
        transports: options.transports ?? ['websocket'],
        reconnection: false,
        forceNew: true,
        extraHeaders: options.origin ? { Origin: options.origin } : undefined,
      });
      clients.push(client);
      await new Promise<void>((resolve, reject) => {
        client.once('connect', () => resolve());
        client.once('connect_error', (error) => reject(error));
      });
      return client;
    },
    drain: () => handle.close(),
    async close() {
      for (const client of clients) client.disconnect();
      await handle.close();
      if (!database) await db.destroy();
    },
  };
}

/** Resolves with the next `event` payload on `client` (rejects after `timeoutMs`). */
export function nextEvent<E extends keyof ServerToClientEvents>(
  client: TestClient,
  event: E,
  timeoutMs = 30_000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  const promise = new Promise<Parameters<ServerToClientEvents[E]>[0]>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ${event} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const listener = (payload: Parameters<ServerToClientEvents[E]>[0]) => {
      clearTimeout(timer);
      resolve(payload);
    };
    (client as unknown as { once(e: string, l: (p: unknown) => void): void }).once(
      event,
      listener as (p: unknown) => void,
    );
  });
  // A test failing earlier leaves this unawaited: do not report it as an unhandled rejection too.
  promise.catch(() => undefined);
  return promise;
}

/** Collects every `event` payload on `client` from now on. */
export function collect<E extends keyof ServerToClientEvents>(
  client: TestClient,
  event: E,
): Parameters<ServerToClientEvents[E]>[0][] {
  const seen: Parameters<ServerToClientEvents[E]>[0][] = [];
  (client as unknown as { on(e: string, l: (p: unknown) => void): void }).on(event, (p) =>
    seen.push(p as Parameters<ServerToClientEvents[E]>[0]),
  );
  return seen;
}

/** Sends a request and waits for its ack, whatever the event (unknown ones included). */
// Test-only: acks of arbitrary (even unknown) events have no static type worth spelling out.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function request(client: TestClient, event: string, ...args: unknown[]): Promise<any> {
  return (
    client as unknown as {
      timeout(ms: number): { emitWithAck(e: string, ...a: unknown[]): Promise<unknown> };
    }
  )
    .timeout(60_000)
    .emitWithAck(event, ...args);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A line the server logged, as pino wrote it. */
export type LogLine = Record<string, unknown> & { level: number; msg?: string };

/** The server's logger at `level`, every line kept (parsed) in `lines` for a test to read. */
export function capturingLogger(level = 'trace'): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = createLogger(level, {
    write: (line: string) => void lines.push(JSON.parse(line)),
  });
  return { logger, lines };
}
