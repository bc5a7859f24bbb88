// Web Push end to end: the socket server with real clients, the notifier and web-push, and a
// push service on a local HTTPS server. What reaches it is decrypted with the subscription's
// private key, as the browser would.
import { randomUUID } from 'node:crypto';
import type { PushNotificationData } from '@causette/protocol';
import pino from 'pino';
import webpush from 'web-push';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type TestDatabase, openTestPglite } from '../db/test-backends';
import { conversationBetween, userIds } from '../services/test-fixtures';
import { connectRedisScaleOut } from '../socket/redis-scale-out';
import {
  TEST_REDIS_URL,
  type TestRedisClient,
  deleteKeysUnder,
  openTestRedis,
  testKeyPrefix,
} from '../socket/redis-test-helpers';
import {
  type TestClient,
  type TestServer,
  nextEvent,
  request,
  startTestServer,
} from '../socket/test-helpers';
import type { PushOptions } from './index';
import type { PushNotifier } from './notifier';
import { pushNotifier } from './notifier';
import { pushTopic } from './payload';
import {
  type TestPushService,
  type TestSubscriber,
  startTestPushService,
  testSubscriber,
} from './push-endpoint.test-fixtures';
import { createWebPushSender } from './sender';

// PGlite runs PostgreSQL in WebAssembly: generous limits on slow shared machines.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 600_000 });

const vapid = { ...webpush.generateVAPIDKeys(), subject: 'mailto:ops@example.com' };
let service: TestPushService;
let server: TestServer;
let notifier: PushNotifier;

/** Push options sending to the test service, and the notifier a server made with them. */
function pushToService(): { push: PushOptions; made: () => PushNotifier } {
  let made: PushNotifier | undefined;
  const factory = pushNotifier({
    send: createWebPushSender({ vapid, ttlSeconds: 600, timeoutMs: 60_000, agent: service.agent }),
    throttleMs: 60_000,
    allowPrivateEndpoints: true,
    retry: { baseDelayMs: 1 },
  });
  return {
    push: { allowPrivateEndpoints: true, notifier: (context) => (made = factory(context)) },
    made: () => made!,
  };
}

beforeAll(async () => {
  service = await startTestPushService();
  const target = pushToService();
  server = await startTestServer({ presenceGraceMs: 50, push: target.push });
  notifier = target.made();
}, 600_000);
afterEach(async () => {
  await notifier.idle();
  service.clear();
});
afterAll(async () => {
  await server?.close();
  await service?.close();
});

/** Ana (connected) and Bruno (never connected, one push subscription) in a conversation. */
async function pair() {
  const [ana, bruno] = userIds('ana', 'bruno');
  const conversationId = await conversationBetween(server.db, [ana, bruno]);
  const anaSocket = await server.connect(ana);
  const browser = testSubscriber();
  const endpoint = `${service.origin}/push/${bruno}`;
  await server.db.push.subscribe(bruno, browser.subscription(endpoint));
  return { ana, bruno, conversationId, anaSocket, browser, endpoint };
}

const send = (socket: TestClient, conversationId: string, content: string) =>
  request(socket, 'message:send', {
    clientId: randomUUID(),
    conversationId,
    type: 'TEXT',
    content,
  });

/** Resolves when `socket` hears `userId` announced offline (their online one may come first). */
const announcedOffline = (socket: TestClient, userId: string) =>
  new Promise<void>((resolve) =>
    socket.on('user:status', (status) => {
      if (status.userId === userId && status.status === 'offline') resolve();
    }),
  );

const decrypt = (browser: TestSubscriber, body: Buffer) =>
  browser.decrypt(body) as PushNotificationData;

describe('Web Push delivery', () => {
  it('pushes a message to a member with no socket: encrypted for them, VAPID-signed, with Topic and TTL', async () => {
    const { ana, bruno, conversationId, anaSocket, browser } = await pair();
    const ack = await send(anaSocket, conversationId, 'Bonjour Bruno, les clés sont prêtes.');
    expect(ack.ok).toBe(true);
    const push = await service.nextPush();
    expect(push.path).toBe(`/push/${bruno}`);
    expect(decrypt(browser, push.body)).toEqual({
      title: `User ${ana}`,
      body: 'Bonjour Bruno, les clés sont prêtes.',
      conversationId,
      messageId: ack.data.message.id,
      seq: ack.data.message.seq,
      type: 'TEXT',
    });
    expect(push.headers.authorization).toMatch(
      new RegExp(`^vapid t=[\\w-]+\\.[\\w-]+\\.[\\w-]+, k=${vapid.publicKey}$`),
    );
    expect(push.headers.topic).toBe(pushTopic(conversationId));
    expect(push.headers.ttl).toBe('600');
  });

  it('sends no text to a member who turned previews off with push:subscribe', async () => {
    const [ana, bruno] = userIds('ana', 'bruno');
    const conversationId = await conversationBetween(server.db, [ana, bruno]);
    const anaSocket = await server.connect(ana);
    const brunoSocket = await server.connect(bruno);
    const browser = testSubscriber();
    const subscribed = await request(brunoSocket, 'push:subscribe', {
      subscription: browser.subscription(`${service.origin}/push/${bruno}`),
      previews: false,
    });
    expect(subscribed).toEqual({ ok: true, data: {} });
    const offline = announcedOffline(anaSocket, bruno);
    brunoSocket.disconnect();
    await offline;
    await send(anaSocket, conversationId, 'Un secret');
    const data = decrypt(browser, (await service.nextPush()).body);
    expect(data).toMatchObject({ title: `User ${ana}`, conversationId });
    expect(data).not.toHaveProperty('body');
  });

  it('does not push a member with a connected socket', async () => {
    const { bruno, conversationId, anaSocket } = await pair();
    const brunoSocket = await server.connect(bruno);
    const delivered = nextEvent(brunoSocket, 'message:new');
    await send(anaSocket, conversationId, 'Tu es là ?');
    await delivered;
    await notifier.idle();
    expect(service.received).toEqual([]);
  });

  it('deletes a subscription the push service says is gone (410)', async () => {
    const { bruno, conversationId, anaSocket } = await pair();
    service.reply({ status: 410 });
    await send(anaSocket, conversationId, 'Allô ?');
    await service.nextPush();
    await notifier.idle();
    expect(await server.db.push.forUser(bruno)).toEqual([]);
  });

  it('retries after a 500, and the push arrives', async () => {
    const { bruno, conversationId, anaSocket, browser } = await pair();
    service.reply({ status: 500 }, { status: 201 });
    await send(anaSocket, conversationId, 'Deuxième essai');
    const first = await service.nextPush();
    const second = await service.nextPush();
    expect(decrypt(browser, first.body).body).toBe('Deuxième essai');
    expect(decrypt(browser, second.body).body).toBe('Deuxième essai');
    await notifier.idle();
    expect(await server.db.push.forUser(bruno)).toHaveLength(1);
    expect(service.received).toHaveLength(2);
  });

  it('acks message:send while the push service has not answered', async () => {
    const { conversationId, anaSocket } = await pair();
    service.reply('hang');
    const ack = await send(anaSocket, conversationId, 'Sans attendre');
    expect(ack.ok).toBe(true);
    // The push is under way, unanswered: the ack above did not wait for it.
    await service.nextPush();
    service.release();
  });

  it('pushes one message per conversation per window, collapsed under the conversation’s Topic', async () => {
    const { ana, bruno, conversationId, anaSocket, browser } = await pair();
    await send(anaSocket, conversationId, 'Un');
    await send(anaSocket, conversationId, 'Deux');
    const other = await conversationBetween(server.db, [ana, bruno], `listing-${randomUUID()}`);
    await send(anaSocket, other, 'Ailleurs');
    await notifier.idle();
    const pushes = service.received.map((p) => ({
      topic: p.headers.topic,
      body: decrypt(browser, p.body).body,
    }));
    expect(pushes).toHaveLength(2);
    expect(pushes).toEqual(
      expect.arrayContaining([
        { topic: pushTopic(conversationId), body: 'Un' },
        { topic: pushTopic(other), body: 'Ailleurs' },
      ]),
    );
  });
});

describe.skipIf(!TEST_REDIS_URL)('Web Push with two nodes sharing Redis (REDIS_URL)', () => {
  const prefix = testKeyPrefix();
  let redis: TestRedisClient;
  let db: TestDatabase;
  const nodes: Array<{ server: TestServer; notifier: PushNotifier }> = [];

  async function startNode() {
    const scaleOut = await connectRedisScaleOut({
      url: TEST_REDIS_URL!,
      logger: pino({ level: 'silent' }),
      keyPrefix: prefix,
      presenceGraceMs: 50,
    });
    const target = pushToService();
    const node = await startTestServer({ scaleOut, presenceGraceMs: 50, push: target.push }, db);
    nodes.push({ server: node, notifier: target.made() });
    return node;
  }

  beforeAll(async () => {
    redis = await openTestRedis();
    db = await openTestPglite();
  }, 600_000);
  afterAll(async () => {
    await Promise.all(nodes.map(({ server: node }) => node.close()));
    await db?.destroy();
    if (redis) {
      await deleteKeysUnder(redis, prefix);
      await redis.close();
    }
  });

  it('does not push a member connected to another node, and pushes once they are gone', async () => {
    const nodeA = await startNode();
    const nodeB = await startNode();
    const [ana, bruno] = userIds('ana', 'bruno');
    const conversationId = await conversationBetween(db, [ana, bruno]);
    const browser = testSubscriber();
    await db.push.subscribe(bruno, browser.subscription(`${service.origin}/push/${bruno}`));
    const anaSocket = await nodeA.connect(ana);
    const brunoSocket = await nodeB.connect(bruno);
    const delivered = nextEvent(brunoSocket, 'message:new');
    await send(anaSocket, conversationId, 'Sur l’autre nœud');
    await delivered;
    await Promise.all(nodes.map((node) => node.notifier.idle()));
    expect(service.received).toEqual([]);

    const offline = announcedOffline(anaSocket, bruno);
    brunoSocket.disconnect();
    await offline;
    await send(anaSocket, conversationId, 'Parti');
    expect(decrypt(browser, (await service.nextPush()).body).body).toBe('Parti');
  });
});
