// What the push counters of GET /metrics say: each push's outcome, counted once, from the socket
// server through the notifier and web-push to a push service, and the outcomes a real service is
// slow to produce (retries given up, a full queue) with stand-ins.
import { randomUUID } from 'node:crypto';
import type { Message } from '@causette/protocol';
import type { Counter } from 'prom-client';
import webpush from 'web-push';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ServerMetrics, createServerMetrics } from '../metrics/metrics';
import type { StoredPushSubscription } from '../services/push.service';
import { conversationBetween, userIds } from '../services/test-fixtures';
import { type TestServer, capturingLogger, request, startTestServer } from '../socket/test-helpers';
import { type PushContext, type PushNotifier, pushNotifier } from './notifier';
import {
  type TestPushService,
  startTestPushService,
  testSubscriber,
} from './push-endpoint.test-fixtures';
import { type DeliveryOutcome, createWebPushSender } from './sender';

// PGlite runs PostgreSQL in WebAssembly: generous limits on slow shared machines.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 600_000 });

/** The push counter by outcome. */
async function pushes(metrics: ServerMetrics): Promise<Record<string, number>> {
  const counter = metrics.registry.getSingleMetric('causette_pushes_total') as Counter;
  const { values } = await counter.get();
  return Object.fromEntries(values.map((v) => [String(v.labels.outcome), v.value]));
}

describe('push outcomes through the socket server (web-push to a local push service)', () => {
  const vapid = { ...webpush.generateVAPIDKeys(), subject: 'mailto:ops@example.com' };
  const metrics = createServerMetrics({ processMetrics: false });
  let service: TestPushService;
  let server: TestServer;
  let notifier: PushNotifier | undefined;

  beforeAll(async () => {
    service = await startTestPushService();
    const factory = pushNotifier({
      send: createWebPushSender({ vapid, ttlSeconds: 60, timeoutMs: 60_000, agent: service.agent }),
      throttleMs: 0,
      allowPrivateEndpoints: true,
      retry: { attempts: 1 },
    });
    server = await startTestServer({
      presenceGraceMs: 50,
      metrics,
      push: { allowPrivateEndpoints: true, notifier: (context) => (notifier = factory(context)) },
    });
  }, 600_000);
  afterAll(async () => {
    await server?.close();
    await service?.close();
  });

  it('counts a delivered push as sent, a 410 as gone and a 400 as failed', async () => {
    const [ana, ...offline] = userIds('ana', 'bruno', 'carla', 'dan');
    const conversationId = await conversationBetween(server.db, [ana, ...offline]);
    for (const userId of offline) {
      const endpoint = `${service.origin}/push/${userId}`;
      await server.db.push.subscribe(userId, testSubscriber().subscription(endpoint));
    }
    // In the order the requests arrive, whoever they are for: one of each, then 201.
    service.reply({ status: 410 }, { status: 400 });
    const anaSocket = await server.connect(ana);
    const ack = await request(anaSocket, 'message:send', {
      clientId: randomUUID(),
      conversationId,
      type: 'TEXT',
      content: 'Bonjour à tous',
    });
    expect(ack.ok).toBe(true);
    await notifier!.idle();
    expect(service.received).toHaveLength(3);
    expect(await pushes(metrics)).toEqual({ sent: 1, gone: 1, failed: 1, dropped: 0 });
  });
});

describe('push outcomes of retries, refused endpoints and a full queue', () => {
  const message: Message = {
    id: 'm-1',
    clientId: 'c-1',
    conversationId: 'conv-1',
    seq: 1,
    senderId: 'ana',
    type: 'TEXT',
    content: 'Bonjour',
    createdAt: '2026-01-01T00:00:00.000Z',
  };
  const subscription = (userId: string, endpoint = `https://push.example.com/${userId}`) =>
    ({ userId, endpoint, keys: { p256dh: 'p', auth: 'a' } }) satisfies StoredPushSubscription;

  /** A notifier over stand-ins counting into `metrics`; `outcomes` by endpoint. */
  function notifierFor(
    subscriptions: Record<string, StoredPushSubscription>,
    outcomes: Record<string, DeliveryOutcome>,
    options: { maxQueued?: number; concurrency?: number } = {},
  ) {
    const metrics = createServerMetrics({ processMetrics: false });
    const context = {
      store: {
        push: {
          targets: async (userId: string) => ({
            previews: true,
            subscriptions: subscriptions[userId] ? [subscriptions[userId]] : [],
          }),
          remove: async () => undefined,
        },
        presence: { get: async () => [] },
      },
      presenceStore: { count: async () => 0 },
      logger: capturingLogger('silent').logger,
      presenceGraceMs: 0,
      now: Date.now,
      metrics,
    } as unknown as PushContext;
    const notifier = pushNotifier({
      send: async (sub) => outcomes[sub.endpoint] ?? { kind: 'sent' },
      throttleMs: 0,
      allowPrivateEndpoints: false,
      retry: { attempts: 2, baseDelayMs: 1 },
      ...options,
    })(context);
    return { metrics, notifier };
  }

  it('counts retries given up as failed and a refused stored endpoint as gone', async () => {
    const subscriptions = {
      bruno: subscription('bruno'),
      carla: subscription('carla'),
      dan: subscription('dan', 'https://169.254.169.254/latest'),
    };
    const { metrics, notifier } = notifierFor(subscriptions, {
      [subscriptions.carla.endpoint]: { kind: 'retry', status: 503 },
    });
    notifier.messageSent({
      message,
      memberIds: ['ana', 'bruno', 'carla', 'dan'],
      senderName: 'Ana',
    });
    await notifier.idle();
    expect(await pushes(metrics)).toEqual({ sent: 1, gone: 1, failed: 1, dropped: 0 });
  });

  it('counts what a full queue drops', async () => {
    const { metrics, notifier } = notifierFor(
      { bruno: subscription('bruno'), carla: subscription('carla'), dan: subscription('dan') },
      {},
      { maxQueued: 1, concurrency: 1 },
    );
    // Three members queued at once into a queue of one: the two oldest are dropped.
    notifier.messageSent({
      message,
      memberIds: ['ana', 'bruno', 'carla', 'dan'],
      senderName: 'Ana',
    });
    await notifier.idle();
    expect(await pushes(metrics)).toEqual({ sent: 1, gone: 0, failed: 0, dropped: 2 });
  });
});
