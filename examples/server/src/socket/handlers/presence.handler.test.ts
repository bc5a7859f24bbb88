import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { userIds } from '../../services/test-fixtures';
import {
  type TestServer,
  collect,
  nextEvent,
  request,
  sleep,
  startTestServer,
} from '../test-helpers';

// PGlite runs PostgreSQL in WebAssembly: generous limits on slow shared machines.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 600_000 });

const GRACE_MS = 1500;
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    presenceGraceMs: GRACE_MS,
    rateRules: { typing: { capacity: 3, windowMs: 60_000 } },
  });
}, 600_000);
afterAll(() => server?.close());

/**
 * What `statuses` says beyond the pair's own set-up: a user's online announcement may still be on
 * its way when `pair()` returns (its contacts are read after the conversation opened), so one
 * `online` is the set-up's; anything else is the test's.
 */
const beyondSetUp = (statuses: Array<{ status: string }>) => {
  const firstOnline = statuses.findIndex((status) => status.status === 'online');
  return statuses.filter((_, i) => i !== firstOnline);
};

async function pair() {
  const [ana, bruno] = userIds('ana', 'bruno');
  const anaSocket = await server.connect(ana);
  const brunoSocket = await server.connect(bruno);
  const conversationId = (
    await request(anaSocket, 'conversation:open', { participantIds: [bruno] })
  ).data.conversation.id as string;
  return { ana, bruno, anaSocket, brunoSocket, conversationId };
}

describe('presence', () => {
  it('is online while any socket is connected and offline after the grace, with lastSeen', async () => {
    const { ana, bruno, anaSocket, brunoSocket } = await pair();
    const statuses = collect(anaSocket, 'user:status');
    const brunoTablet = await server.connect(bruno);
    brunoSocket.disconnect();
    await sleep(GRACE_MS * 2);
    expect(beyondSetUp(statuses)).toEqual([]);
    const presences = (await request(anaSocket, 'presence:get', { userIds: [bruno, ana] })).data
      .presences;
    expect(presences).toHaveLength(2);
    expect(presences).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ userId: bruno, status: 'online' }),
        expect.objectContaining({ userId: ana, status: 'online' }),
      ]),
    );

    const leftAt = Date.now();
    brunoTablet.disconnect();
    const offline = await nextEvent(anaSocket, 'user:status', GRACE_MS + 10_000);
    expect(offline).toMatchObject({ userId: bruno, status: 'offline' });
    const announcedAt = Date.now();
    // lastSeen is when the last socket left, and the announcement waited out the grace after it.
    expect(Date.parse(offline.lastSeen)).toBeGreaterThanOrEqual(leftAt - 5);
    expect(announcedAt - Date.parse(offline.lastSeen)).toBeGreaterThanOrEqual(GRACE_MS - 20);
    const [stored] = (await request(anaSocket, 'presence:get', { userIds: [bruno] })).data
      .presences;
    expect(stored).toEqual({ userId: bruno, status: 'offline', lastSeen: offline.lastSeen });

    const online = nextEvent(anaSocket, 'user:status');
    await server.connect(bruno);
    expect(await online).toMatchObject({ userId: bruno, status: 'online' });
  });

  it('says nothing when a user comes back within the grace (a reload)', async () => {
    const { bruno, anaSocket, brunoSocket } = await pair();
    const statuses = collect(anaSocket, 'user:status');
    brunoSocket.disconnect();
    await server.connect(bruno);
    await sleep(GRACE_MS * 2);
    expect(beyondSetUp(statuses)).toEqual([]);
  });

  it("discloses nobody outside the caller's conversations", async () => {
    const { anaSocket } = await pair();
    const [eve] = userIds('eve');
    await server.connect(eve);
    expect(await request(anaSocket, 'presence:get', { userIds: [eve] })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringMatching(/^userIds/) },
    });
    expect(await request(anaSocket, 'presence:get', { userIds: ['never-seen'] })).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
    expect(await request(anaSocket, 'presence:get', { userIds: [] })).toMatchObject({
      error: { code: 'INVALID' },
    });
  });
});

describe('typing', () => {
  it('relays to the other members only, never to strangers, and rate-limits', async () => {
    const { ana, bruno, anaSocket, brunoSocket, conversationId } = await pair();
    const anaTablet = await server.connect(ana);
    const [eve] = userIds('eve');
    const eveSocket = await server.connect(eve);
    const toBruno = collect(brunoSocket, 'typing:update');
    const toAnaTablet = collect(anaTablet, 'typing:update');
    const toEve = collect(eveSocket, 'typing:update');
    const started = nextEvent(brunoSocket, 'typing:update');
    anaSocket.emit('typing:start', { conversationId });
    expect(await started).toEqual({ conversationId, userId: ana, isTyping: true });
    const stopped = nextEvent(brunoSocket, 'typing:update');
    anaSocket.emit('typing:stop', { conversationId });
    expect(await stopped).toEqual({ conversationId, userId: ana, isTyping: false });
    eveSocket.emit('typing:start', { conversationId });
    for (let i = 0; i < 5; i++) anaSocket.emit('typing:start', { conversationId });
    await sleep(500);
    // 3 per minute: start, stop, then at most one more start (volatile may drop it too).
    expect(toBruno.length).toBeGreaterThanOrEqual(2);
    expect(toBruno.length).toBeLessThanOrEqual(3);
    expect(toAnaTablet).toEqual([]);
    expect(toEve).toEqual([]);
    expect(bruno).toBeTruthy();
  });
});

describe('push subscriptions', () => {
  it('stores and removes them', async () => {
    const { ana, anaSocket } = await pair();
    const subscription = {
      endpoint: `https://push.test/${ana}`,
      expirationTime: null,
      keys: { p256dh: 'p', auth: 'a' },
    };
    expect(await request(anaSocket, 'push:subscribe', { subscription })).toEqual({
      ok: true,
      data: {},
    });
    expect(await server.db.push.forUser(ana)).toHaveLength(1);
    expect(
      await request(anaSocket, 'push:subscribe', {
        subscription: { ...subscription, endpoint: 'http://x.test' },
      }),
    ).toMatchObject({
      error: { code: 'INVALID', message: expect.stringMatching(/^subscription\.endpoint/) },
    });
    expect(
      await request(anaSocket, 'push:unsubscribe', { endpoint: subscription.endpoint }),
    ).toEqual({ ok: true, data: {} });
    expect(await server.db.push.forUser(ana)).toEqual([]);
  });
});
