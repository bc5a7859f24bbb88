import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type TestDatabase, openTestPglite } from '../db/test-backends';
import { userIds } from '../services/test-fixtures';
import { openConversationPolicy, startSocketServer } from './index';
import { connectRedisScaleOut } from './redis-scale-out';
import {
  TEST_REDIS_URL,
  type TestRedisClient,
  deleteKeysUnder,
  openTestRedis,
  testKeyPrefix,
} from './redis-test-helpers';
import {
  type TestClient,
  type TestServer,
  collect,
  nextEvent,
  request,
  sleep,
  startTestServer,
  verifyTestAttachment,
  verifyTestToken,
} from './test-helpers';

// PGlite runs PostgreSQL in WebAssembly: generous limits on slow shared machines.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 600_000 });

const GRACE_MS = 1500;

/**
 * Lets the connects' own online announcements pass. Each looks its contacts up when its turn in a
 * shared query comes, which may be after the conversation the test opened right after connecting:
 * the new contact then hears "online" (true, but not what the test listens for next).
 */
const connectAnnounced = () => sleep(500);
const silent = pino({ level: 'silent' });

describe.skipIf(!TEST_REDIS_URL)('two nodes sharing Redis and one database (REDIS_URL)', () => {
  const prefix = testKeyPrefix();
  let redis: TestRedisClient;
  let db: TestDatabase;
  const servers: TestServer[] = [];

  /** A node: its own HTTP server and socket.io, the shared database, Redis under `prefix`. */
  async function startNode(): Promise<TestServer> {
    const scaleOut = await connectRedisScaleOut({
      url: TEST_REDIS_URL!,
      logger: silent,
      keyPrefix: prefix,
      presenceGraceMs: GRACE_MS,
    });
    const server = await startTestServer(
      {
        scaleOut,
        presenceGraceMs: GRACE_MS,
        rateRules: { messages: { capacity: 3, windowMs: 60_000 } },
      },
      db,
    );
    servers.push(server);
    return server;
  }

  let nodeA: TestServer;
  let nodeB: TestServer;
  beforeAll(async () => {
    redis = await openTestRedis();
    db = await openTestPglite();
    nodeA = await startNode();
    nodeB = await startNode();
  }, 600_000);
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
    await db?.destroy();
    if (redis) {
      await deleteKeysUnder(redis, prefix);
      await redis.close();
    }
  });

  async function open(from: TestClient, other: string) {
    const opened = await request(from, 'conversation:open', { participantIds: [other] });
    expect(opened.ok).toBe(true);
    return opened.data.conversation.id as string;
  }

  it('carries message:new, message:received, unread:count, receipt:read and typing across nodes', async () => {
    const [ana, bruno] = userIds('ana', 'bruno');
    const anaA = await nodeA.connect(ana);
    const brunoB = await nodeB.connect(bruno);
    const anaB = await nodeB.connect(ana);
    const created = nextEvent(brunoB, 'conversation:new');
    const conversationId = await open(anaA, bruno);
    expect((await created).conversation.id).toBe(conversationId);

    const toBruno = nextEvent(brunoB, 'message:new');
    const toAnaOnB = nextEvent(anaB, 'message:new');
    const receivedOnB = nextEvent(anaB, 'message:received');
    const unread = nextEvent(brunoB, 'unread:count');
    const sent = await request(anaA, 'message:send', {
      clientId: randomUUID(),
      conversationId,
      content: 'Bonjour, le T2 est-il toujours libre ?',
      type: 'TEXT',
    });
    expect(sent.ok).toBe(true);
    const { message } = sent.data;
    expect((await toBruno).message).toEqual(message);
    expect((await toAnaOnB).message.id).toBe(message.id);
    expect(await receivedOnB).toEqual({ messageId: message.id, conversationId, seq: 1 });
    expect(await unread).toEqual({ count: 1, conversationId, conversationUnread: 1 });

    const receipt = nextEvent(anaA, 'receipt:read');
    const cleared = nextEvent(brunoB, 'unread:count');
    expect(await request(brunoB, 'message:read', { messageId: message.id })).toMatchObject({
      ok: true,
      data: { conversationId, lastReadSeq: 1, unreadCount: 0 },
    });
    expect(await receipt).toMatchObject({ conversationId, userId: bruno, lastReadSeq: 1 });
    expect(await cleared).toEqual({ count: 0, conversationId, conversationUnread: 0 });

    const typing = nextEvent(anaA, 'typing:update');
    brunoB.emit('typing:start', { conversationId });
    expect(await typing).toEqual({ conversationId, userId: bruno, isTyping: true });
  });

  it('spends one rate budget per user whichever node the sockets are on', async () => {
    const [eva, farid] = userIds('eva', 'farid');
    await nodeB.connect(farid);
    const evaA = await nodeA.connect(eva);
    const evaB = await nodeB.connect(eva);
    const conversationId = await open(evaA, farid);
    const send = (socket: typeof evaA) =>
      request(socket, 'message:send', {
        clientId: randomUUID(),
        conversationId,
        content: 'Salut',
        type: 'TEXT',
      });
    expect((await send(evaA)).ok).toBe(true);
    expect((await send(evaB)).ok).toBe(true);
    expect((await send(evaA)).ok).toBe(true);
    const refused = await send(evaB);
    expect(refused).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(refused.error.retryAfterMs).toBeGreaterThan(0);
  });

  it('counts presence across nodes: online once, offline once after the grace', async () => {
    const [carol, dave] = userIds('carol', 'dave');
    const daveB = await nodeB.connect(dave);
    const daveA = await nodeA.connect(dave);
    const carolA = await nodeA.connect(carol);
    await open(carolA, dave);
    await connectAnnounced();
    const onB = collect(daveB, 'user:status');
    const onA = collect(daveA, 'user:status');

    // Carol's socket on A leaves while one on B stays: she is still online, nothing is said.
    const carolB = await nodeB.connect(carol);
    carolA.disconnect();
    await sleep(GRACE_MS * 2);
    expect(onB).toEqual([]);
    expect(onA).toEqual([]);
    expect((await request(daveB, 'presence:get', { userIds: [carol] })).data.presences).toEqual([
      expect.objectContaining({ userId: carol, status: 'online' }),
    ]);

    // Her last socket leaves: one offline after the grace, on each of Dave's sockets.
    const leftAt = Date.now();
    carolB.disconnect();
    const offline = await nextEvent(daveB, 'user:status', GRACE_MS + 10_000);
    expect(offline).toMatchObject({ userId: carol, status: 'offline' });
    expect(Date.parse(offline.lastSeen)).toBeGreaterThanOrEqual(leftAt - 5);
    expect(Date.now() - Date.parse(offline.lastSeen)).toBeGreaterThanOrEqual(GRACE_MS - 20);
    await sleep(GRACE_MS * 2);
    expect(onB).toEqual([offline]);
    expect(onA).toEqual([offline]);

    // Online on node A is seen by Dave on node B.
    const online = nextEvent(daveB, 'user:status');
    const carolBack = await nodeA.connect(carol);
    expect(await online).toMatchObject({ userId: carol, status: 'online' });
    expect(onA).toHaveLength(2);

    // A reload that lands on the other node says nothing; leaving from there, one offline, dated
    // from that last leave (not from the first node's).
    carolBack.disconnect();
    await sleep(GRACE_MS / 3);
    const carolReloaded = await nodeB.connect(carol);
    await sleep(GRACE_MS / 3);
    expect(onB).toHaveLength(2);
    const lastLeftAt = Date.now();
    carolReloaded.disconnect();
    const last = await nextEvent(daveB, 'user:status', GRACE_MS + 10_000);
    expect(last).toMatchObject({ userId: carol, status: 'offline' });
    expect(Date.parse(last.lastSeen)).toBeGreaterThanOrEqual(lastLeftAt - 5);
    expect(Date.now() - lastLeftAt).toBeGreaterThanOrEqual(GRACE_MS - 20);
    await sleep(GRACE_MS * 2);
    expect(onB).toHaveLength(3);
    expect(onA).toEqual(onB);
  });

  it('announces offline from another node when the node a user was on shuts down', async () => {
    const [gil, hana] = userIds('gil', 'hana');
    const nodeC = await startNode();
    const hanaB = await nodeB.connect(hana);
    const gilC = await nodeC.connect(gil);
    await open(gilC, hana);
    await connectAnnounced();
    const statuses = collect(hanaB, 'user:status');
    const stoppedAt = Date.now();
    await nodeC.close();
    servers.splice(servers.indexOf(nodeC), 1);
    const offline = await nextEvent(hanaB, 'user:status', GRACE_MS * 6);
    expect(offline).toMatchObject({ userId: gil, status: 'offline' });
    expect(Date.parse(offline.lastSeen)).toBeGreaterThanOrEqual(stoppedAt - 5);
    await sleep(GRACE_MS * 2);
    expect(statuses).toHaveLength(1);
  });
});

describe.skipIf(!TEST_REDIS_URL)('startSocketServer with REDIS_URL', () => {
  it('installs the Redis adapter and closes the Redis connections on close()', async () => {
    const prefix = testKeyPrefix();
    const redis = await openTestRedis();
    const db = await openTestPglite();
    try {
      const http = createServer();
      const handle = await startSocketServer(http, {
        store: db,
        verifyToken: verifyTestToken,
        verifyAttachment: verifyTestAttachment,
        conversationPolicy: openConversationPolicy,
        allowedOrigins: null,
        logger: silent,
        redisUrl: TEST_REDIS_URL,
        redisKeyPrefix: prefix,
      });
      expect(handle.io.of('/').adapter.constructor.name).toBe('RedisAdapter');
      const nodes = await redis.hKeys(`${prefix}presence:nodes`);
      expect(nodes).toHaveLength(1);
      await handle.close();
      // The node retired: no heartbeat left behind.
      expect(await redis.exists(`${prefix}presence:alive:${nodes[0]}`)).toBe(0);
      await deleteKeysUnder(redis, prefix);
    } finally {
      await db.destroy();
      await redis.close();
    }
  }, 600_000);
});

describe('connectRedisScaleOut', () => {
  it('fails start-up with a clear error when Redis cannot be reached', async () => {
    await expect(
      connectRedisScaleOut({
        url: 'redis://127.0.0.1:1',
        logger: silent,
        connectTimeoutMs: 300,
      }),
    ).rejects.toThrow(/could not connect to Redis at redis:\/\/127\.0\.0\.1:1/);
  });

  it('refuses a URL that is not redis:// or rediss://', async () => {
    await expect(
      connectRedisScaleOut({ url: 'http://127.0.0.1:6379', logger: silent }),
    ).rejects.toThrow(/redis:\/\//);
  });
});
