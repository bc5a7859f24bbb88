// The real reference server (database on PGlite or PostgreSQL, socket.io, HTTP) and @causette/core
// clients driving it, for the SDK's fault tests.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Socket as TcpSocket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import 'fake-indexeddb/auto';
import {
  type ChatClient,
  type ChatClientOptions,
  createChatClient,
  isChatError,
} from '@causette/core';
import {
  createChatClient as createWebSocketChatClient,
  webSocketTransport,
} from '@causette/core/websocket';
import type { Message } from '@causette/protocol';
import { IDBFactory } from 'fake-indexeddb';
import { SignJWT } from 'jose';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { WebSocket } from 'ws';
import { chatServerParts } from '../app';
import { DEV_JWT_SECRET, loadConfig } from '../config';
import { migratedPgliteDir } from '../db/test-backends';
import { createTestPostgres } from '../db/test-postgres';
import { type RunningServer, startServer } from '../server';
import { connected, destroyClients, readStoredMessages, track } from './client-test-helpers';
import { type WsRelay, startWsRelay } from './ws-relay';

export {
  connected,
  describeState,
  destroyClients,
  expectGapFree,
  pendingOf,
  shown,
  sleep,
  until,
} from './client-test-helpers';

/** Two seeded users (the server inserts the demo data in development). */
export const ALICE = 'u-advertiser-1';
export const BOB = 'u-owner-1';

const secret = new TextEncoder().encode(DEV_JWT_SECRET);

/** An HS256 token as the host app would sign it, valid for `expiresInSeconds`. */
export async function signToken(userId: string, expiresInSeconds = 3600): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ name: userId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setIssuedAt(now)
    .setExpirationTime(now + expiresInSeconds)
    .sign(secret);
}

/**
 * Where a test server keeps its data, private to one test file: a copy of the migrated PGlite
 * template, or, with `SDK_TEST_BACKEND=postgres`, a fresh database on DATABASE_URL's server.
 * Servers started on it one after the other (a restart) find what the previous one stored.
 */
export interface TestData {
  /** The server settings that point at it. */
  readonly env: Readonly<Record<string, string>>;
  /** Deletes everything (stop the servers first). */
  remove(): Promise<void>;
}

/**
 * The transport the SDK tests drive the server with: the default client of `@causette/core`
 * (socket.io-client), or with `SDK_TEST_TRANSPORT=websocket` the one of `@causette/core/websocket`.
 */
export const sdkTestTransport: 'socket.io' | 'websocket' =
  process.env.SDK_TEST_TRANSPORT === 'websocket' ? 'websocket' : 'socket.io';

/** The backend the SDK tests run on (see {@link TestData}). */
export const sdkTestBackend: 'pglite' | 'postgres' =
  process.env.SDK_TEST_BACKEND === 'postgres' ? 'postgres' : 'pglite';

export async function makeTestData(): Promise<TestData> {
  if (sdkTestBackend === 'postgres') {
    const databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) throw new Error('SDK_TEST_BACKEND=postgres needs DATABASE_URL');
    const database = await createTestPostgres(databaseUrl);
    const uploads = mkdtempSync(path.join(os.tmpdir(), 'causette-uploads-'));
    return {
      env: { DATABASE_URL: database.url, UPLOAD_DIR: uploads },
      async remove() {
        await database.drop();
        rmSync(uploads, { recursive: true, force: true });
      },
    };
  }
  const dir = await migratedPgliteDir();
  return {
    env: { PGLITE_DIR: dir, UPLOAD_DIR: path.join(dir, 'uploads') },
    remove: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Starts the assembled server (development mode: seed, dev secret) on `data`. */
export function startChatServer(
  data: TestData,
  options: { port?: number; env?: Record<string, string> } = {},
): Promise<RunningServer> {
  const config = loadConfig({
    PORT: String(options.port ?? 0),
    ...data.env,
    RATE_LIMIT_MESSAGES: '10000',
    SHUTDOWN_TIMEOUT_MS: '2000',
    // The tests open conversations about subjects of their own, not the demo listings.
    CONVERSATION_POLICY: 'open',
    ...options.env,
  });
  return startServer(config, { ...chatServerParts(), logger: pino({ level: 'silent' }) });
}

/** The server (and relay) of one test file, from `useChatServer`. */
export interface ChatServerFixture {
  readonly server: RunningServer;
  /** In front of the server, when asked for; its rules and block are reset after each test. */
  readonly relay: WsRelay;
}

/**
 * Starts the assembled server on a fresh data folder for this file's tests (and a relay in front
 * of it with `relay: true`), destroys the clients after each test, and stops everything at the end.
 */
export function useChatServer(
  options: { relay?: boolean; env?: Record<string, string> } = {},
): ChatServerFixture {
  let server: RunningServer | undefined;
  let relay: WsRelay | undefined;
  let data: TestData | undefined;
  beforeAll(async () => {
    const made = await makeTestData();
    data = made;
    server = await startChatServer(made, options.env ? { env: options.env } : {});
    if (options.relay) relay = await startWsRelay(server.port);
    // Opening PGlite and seeding it takes seconds, more on a loaded two-core machine.
  }, 60_000);
  afterEach(() => {
    destroyClients();
    if (relay) {
      relay.rules = {};
      relay.block(false);
    }
  });
  afterAll(async () => {
    await relay?.close();
    await server?.close();
    await data?.remove();
  });
  return {
    get server() {
      if (!server) throw new Error('the server starts in beforeAll');
      return server;
    },
    get relay() {
      if (!relay) throw new Error('useChatServer({ relay: true }) makes the relay');
      return relay;
    },
  };
}

/** Server settings for a heartbeat that calls a silent link dead within a second (45 s by default). */
export const QUICK_HEARTBEAT = { SOCKET_PING_INTERVAL_MS: '300', SOCKET_PING_TIMEOUT_MS: '300' };

/**
 * Alice behind the relay (with `options`), Bob direct, both connected and showing a fresh
 * conversation of theirs.
 */
export async function aliceBehindRelay(
  chat: ChatServerFixture,
  options: Partial<ChatClientOptions> = {},
): Promise<{ alice: ChatClient; bob: ChatClient; id: string }> {
  const alice = makeClient(chat.relay.url, ALICE, options);
  const bob = makeClient(chat.server.url, BOB);
  await Promise.all([connected(alice), connected(bob)]);
  const id = await sharedConversation(alice, bob);
  return { alice, bob, id };
}

/** Kills the server as a crash would: every connection cut at once, then the data released. */
export async function killServer(server: RunningServer): Promise<void> {
  server.httpServer.closeAllConnections();
  await server.close();
}

/**
 * A client of `userId` with fresh long-lived tokens and IndexedDB in memory, on the transport
 * under test (the WebSocket-only one with the `ws` package's WebSocket: how a bot on Node 20
 * connects with it).
 */
export function makeClient(
  url: string,
  userId: string,
  options: Partial<ChatClientOptions> = {},
): ChatClient {
  const create = sdkTestTransport === 'websocket' ? createWebSocketChatClient : createChatClient;
  const client = create({
    url,
    getToken: () => signToken(userId),
    storage: 'indexeddb',
    indexedDB: new IDBFactory(),
    ...(sdkTestTransport === 'websocket'
      ? { socketOptions: { transport: webSocketTransport({ WebSocket }) } }
      : {}),
    requestTimeoutMs: 3000,
    // Backoff stays real (full jitter) but low, so tests wait little.
    random: () => Math.random() * 0.2,
    ...options,
  });
  return track(client);
}

/** Opens (idempotently) the conversation of `client`'s user with `others` about `subjectId`. */
export async function openConversation(
  client: ChatClient,
  others: string[],
  subjectId: string,
): Promise<string> {
  const conversation = await client.openConversation({
    participantIds: others,
    subject: { type: 'test', id: subjectId },
  });
  return conversation.id;
}

/**
 * A fresh conversation of two connected clients' users, opened from both sides (the same one,
 * checked) and loaded in both, so each applies what arrives.
 */
export async function sharedConversation(first: ChatClient, second: ChatClient): Promise<string> {
  const [a, b] = [first.getSnapshot().user?.userId, second.getSnapshot().user?.userId];
  if (!a || !b) throw new Error('connect both clients first');
  const subject = uniqueSubject();
  const id = await retryTransient(first, () => openConversation(first, [b], subject));
  expect(await retryTransient(second, () => openConversation(second, [a], subject))).toBe(id);
  await Promise.all([
    retryTransient(first, () => first.loadOlderMessages(id)),
    retryTransient(second, () => second.loadOlderMessages(id)),
  ]);
  return id;
}

/**
 * A set-up request of `client` asked again when the link dropped under it (a transient error,
 * which callers may retry; opening a conversation and reading history are idempotent): a loaded
 * two-core CI machine can miss a heartbeat during set-up, and set-up is not what the fault tests
 * are about. Each retry waits for the client to be connected again: asked at once, an `OFFLINE`
 * request failed the same way three times over (seen in CI).
 */
async function retryTransient<T>(
  client: ChatClient,
  request: () => Promise<T>,
  attempts = 3,
): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (attempts <= 1 || !isChatError(error) || !error.transient) throw error;
    await client.waitForConnection({ timeoutMs: 30_000 });
    return retryTransient(client, request, attempts - 1);
  }
}

/** A subject id of its own for each test, so tests share a server without sharing a conversation. */
export function uniqueSubject(): string {
  return `sdk-${randomUUID()}`;
}

/** What the server has stored for a conversation, read by `userId` over a plain socket. */
export async function storedMessages(
  url: string,
  userId: string,
  conversationId: string,
): Promise<Message[]> {
  return readStoredMessages(url, await signToken(userId), conversationId);
}

/** Open client-side TCP sockets of this process to `port` on 127.0.0.1. */
export function socketsTo(port: number): number {
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  return handles.filter(
    (handle) => handle instanceof TcpSocket && !handle.destroyed && handle.remotePort === port,
  ).length;
}
