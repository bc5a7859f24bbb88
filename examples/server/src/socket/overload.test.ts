// Past capacity the server refuses and keeps the connection; a drain finishes what it accepted.
import { afterEach, describe, expect, it } from 'vitest';
import { openTestPglite, type TestDatabase } from '../db/test-backends';
import { conversationBetween, text, userIds } from '../services/test-fixtures';
import { collect, request, startTestServer, type TestServer } from './test-helpers';

let server: TestServer | undefined;
let database: TestDatabase | undefined;

afterEach(async () => {
  await server?.close();
  await database?.destroy();
  server = undefined;
  database = undefined;
});

/** A database whose `messages.send` waits for the test to let it through. */
async function slowSends() {
  const db = await openTestPglite();
  database = db;
  const held: Array<() => void> = [];
  const send = db.messages.send.bind(db.messages);
  db.messages.send = async (...args) => {
    await new Promise<void>((resolve) => held.push(resolve));
    return send(...args);
  };
  return {
    db,
    held,
    releaseAll: () => {
      for (const release of held.splice(0)) release();
    },
  };
}

describe('overload', { timeout: 60_000 }, () => {
  it('refuses past its bounds with UNAVAILABLE and a paced retryAfterMs, and the socket stays up', async () => {
    const { db, held, releaseAll } = await slowSends();
    server = await startTestServer(
      { admissionLimits: { maxRunning: 1, maxWaiting: 1, retryAfterMs: 400 } },
      db,
    );
    const [ana, bob] = userIds('ana', 'bob');
    const conversationId = await conversationBetween(db, [ana, bob]);
    const client = await server.connect(ana);
    const first = request(client, 'message:send', text(conversationId, 'un'));
    const second = request(client, 'message:send', text(conversationId, 'deux'));
    await expect.poll(() => held.length).toBe(1);
    const third = await request(client, 'message:send', text(conversationId, 'trois'));
    expect(third).toEqual({
      ok: false,
      error: { code: 'UNAVAILABLE', message: 'server busy, retry later', retryAfterMs: 400 },
    });
    // The next one refused is told to come back later: refusals are paced at the completion rate
    // (nothing completed yet: maxRunning a second), not all sent back after the same delay.
    const fourth = await request(client, 'message:send', text(conversationId, 'quatre'));
    expect(fourth.ok).toBe(false);
    const paced = (fourth as { error: { retryAfterMs: number } }).error.retryAfterMs;
    expect(paced).toBeGreaterThan(400);
    expect(paced).toBeLessThanOrEqual(1400);
    releaseAll();
    expect((await first).ok).toBe(true);
    await expect.poll(() => held.length).toBe(1);
    releaseAll();
    expect((await second).ok).toBe(true);
    expect(client.connected).toBe(true);
    const again = request(client, 'message:send', text(conversationId, 'trois'));
    await expect.poll(() => held.length).toBe(1);
    releaseAll();
    expect(await again).toMatchObject({ ok: true, data: { message: { seq: 3 } } });
  });
});

describe('drain', { timeout: 60_000 }, () => {
  it('stores, broadcasts and acks a send in flight, refuses new ones, then disconnects', async () => {
    const { db, held, releaseAll } = await slowSends();
    server = await startTestServer({}, db);
    const [ana, bob] = userIds('ana', 'bob');
    const conversationId = await conversationBetween(db, [ana, bob]);
    const sender = await server.connect(ana);
    const receiver = await server.connect(bob);
    const received = collect(receiver, 'message:new');
    const inFlight = request(sender, 'message:send', text(conversationId, 'avant la fin'));
    await expect.poll(() => held.length).toBe(1);

    const drained = server.drain();
    const refused = await request(sender, 'message:send', text(conversationId, 'trop tard'));
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(refused.error.retryAfterMs).toBeGreaterThan(0);
    releaseAll();

    expect(await inFlight).toMatchObject({ ok: true, data: { message: { seq: 1 } } });
    await drained;
    expect(received.map((event) => event.message.content)).toEqual(['avant la fin']);
    expect(sender.connected).toBe(false);
    const history = await db.messages.history(ana, { conversationId });
    expect(history.messages.map((m) => m.content)).toEqual(['avant la fin']);
  });
});
