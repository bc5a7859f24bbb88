// The pipeline every request runs through (context.ts): budget first, then validation,
// admission, the handler, and always an ack; what refusals and failures cost, and what they log.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type TestDatabase, openTestPglite } from '../../db/test-backends';
import { createStore } from '../../services/store';
import { conversationBetween, counting, userIds } from '../../services/test-fixtures';
import { InMemoryPresenceStore } from '../presence-store';
import type { RateLimiter } from '../rate-limiter';
import {
  type TestClient,
  type TestServer,
  capturingLogger,
  request,
  startTestServer,
} from '../test-helpers';
import type { RateRules } from '../types';

// PGlite runs PostgreSQL in WebAssembly: generous limits on slow shared machines.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 600_000 });

const HOUR = 3_600_000;
/** One action per budget and no refill within a test: the second of a kind is over budget. */
const ONE_EACH: RateRules = {
  requests: { capacity: 1, windowMs: HOUR },
  messages: { capacity: 1, windowMs: HOUR },
  typing: { capacity: 1, windowMs: HOUR },
};

/** As if every user already had a socket on another node: connecting does no presence work. */
class OnlineElsewhere extends InMemoryPresenceStore {
  override async join(userId: string, socketId: string) {
    const joined = await super.join(userId, socketId);
    return { ...joined, count: joined.count + 1 };
  }
}

const rateLimited = {
  ok: false,
  error: { code: 'RATE_LIMITED', message: expect.any(String), retryAfterMs: expect.any(Number) },
};
const invalid = { ok: false, error: { code: 'INVALID', message: expect.any(String) } };

/** A volatile notification sent with an ack anyway, to see what became of it. */
const notify = (client: TestClient, event: string, payload: unknown) =>
  request(client, event, payload);

let database: TestDatabase;
const servers: TestServer[] = [];
beforeAll(async () => {
  database = await openTestPglite();
}, 600_000);
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await database?.destroy();
});

async function serve(...args: Parameters<typeof startTestServer>): Promise<TestServer> {
  const server = await startTestServer(...args);
  servers.push(server);
  return server;
}

describe('the rate budget', () => {
  it('is charged before the payload is read: invalid and unknown requests spend it too', async () => {
    const server = await serve({ rateRules: ONE_EACH }, database);
    const [ana, bruno] = userIds('ana', 'bruno');
    const conversationId = await conversationBetween(database, [ana, bruno]);
    const client = await server.connect(ana);
    const send = { clientId: randomUUID(), conversationId, type: 'TEXT', content: 'Bonjour' };

    expect(await request(client, 'conversation:get', { id: 'x' })).toMatchObject(invalid);
    expect(await request(client, 'conversation:list', {})).toMatchObject(rateLimited);
    expect(await request(client, 'no:such-event', {})).toMatchObject(rateLimited);

    // message:send spends the `messages` budget, known from the event name alone.
    expect(await request(client, 'message:send', 'garbage')).toMatchObject(invalid);
    expect(await request(client, 'message:send', send)).toMatchObject(rateLimited);

    expect(await notify(client, 'typing:start', 42)).toMatchObject(invalid);
    expect(await notify(client, 'typing:start', { conversationId })).toMatchObject(rateLimited);
  });

  it('charges an unknown event like any request', async () => {
    const server = await serve({ rateRules: ONE_EACH }, database);
    const client = await server.connect(userIds('ana')[0]);
    expect(await request(client, 'admin:everything', {})).toMatchObject(invalid);
    expect(await request(client, 'admin:everything', {})).toMatchObject(rateLimited);
  });

  it('waits for a limiter that answers asynchronously, as the Redis one does', async () => {
    const consume = vi.fn<RateLimiter['consume']>(async () => ({ ok: false, retryAfterMs: 1234 }));
    const server = await serve({ rateLimiter: { consume } }, database);
    const client = await server.connect(userIds('ana')[0]);
    expect(await request(client, 'conversation:list', {})).toEqual({
      ok: false,
      error: {
        code: 'RATE_LIMITED',
        message: 'too many requests, retry later',
        retryAfterMs: 1234,
      },
    });
  });
});

describe('refusals are cheap', () => {
  it('answers 1,000 over-budget requests without a statement or a log line', async () => {
    const [ana, bruno] = userIds('ana', 'bruno');
    const conversationId = await conversationBetween(database, [ana, bruno]);
    const { db, statements } = counting(database.db);
    const { logger, lines } = capturingLogger();
    const server = await serve(
      { rateRules: ONE_EACH, logger, presenceStore: new OnlineElsewhere() },
      { ...database, ...createStore(db) },
    );
    const client = await server.connect(ana);
    // Each budget spent on a request that reads nothing: from here on, everything is refused.
    await request(client, 'no:such-event');
    await request(client, 'message:send', null);
    await notify(client, 'typing:start', null);
    const before = { statements: statements(), lines: lines.length };
    // The counter does see this server's statements: the handshake stored the user.
    expect(before.statements).toBeGreaterThan(0);

    const flood = Array.from({ length: 1000 }, (_, i) => {
      switch (i % 6) {
        case 0:
          return request(client, 'message:send', {
            clientId: randomUUID(),
            conversationId,
            type: 'TEXT',
            content: `message ${i}`,
          });
        case 1:
          return request(client, 'message:send', { clientId: 42 });
        case 2:
          return request(client, 'conversation:list', {});
        case 3:
          return request(client, 'message:unread', { conversationId: 'not-a-uuid' });
        case 4:
          return request(client, 'no:such-event', i);
        default:
          return notify(client, 'typing:start', { conversationId });
      }
    });
    const answers = await Promise.all(flood);

    for (const answer of answers) expect(answer).toMatchObject(rateLimited);
    expect(statements() - before.statements).toBe(0);
    expect(lines.slice(before.lines)).toEqual([]);
  });

  it('refuses past admission with UNAVAILABLE without a log line each', async () => {
    const { logger, lines } = capturingLogger();
    const server = await serve(
      { logger, admissionLimits: { maxRunning: 1, maxWaiting: 0 } },
      database,
    );
    const client = await server.connect(userIds('ana')[0]);
    const before = lines.length;
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => request(client, 'conversation:list', {})),
    );
    expect(answers.filter((a) => !a.ok && a.error.code === 'UNAVAILABLE').length).toBeGreaterThan(
      0,
    );
    expect(lines.slice(before)).toEqual([]);
  });
});

describe('an unexpected failure', () => {
  it('answers INTERNAL and logs what failed and where, never what the user sent', async () => {
    const secret = `secret-${randomUUID()}`;
    const { logger, lines } = capturingLogger();
    // What a driver throws for input the database refuses: the message and fields quote it.
    const failing = async (_userId: string, conversationId: string): Promise<never> => {
      const cause = Object.assign(
        new Error(`invalid input syntax for type uuid: "${conversationId}"`),
        { code: '22P02', routine: 'string_to_uuid', detail: conversationId, where: conversationId },
      );
      throw Object.assign(new Error(`Failed query: select\nparams: ${conversationId}`, { cause }), {
        params: [conversationId],
      });
    };
    const server = await serve(
      { logger },
      { ...database, conversations: { ...database.conversations, get: failing } },
    );
    const client = await server.connect(userIds('ana')[0]);
    const before = lines.length;

    expect(await request(client, 'conversation:get', { conversationId: secret })).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'internal error' },
    });

    const logged = lines.slice(before);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      level: 50,
      msg: 'handler failed',
      event: 'conversation:get',
      err: { type: 'Error', cause: { type: 'Error', code: '22P02', routine: 'string_to_uuid' } },
    });
    expect((logged[0]?.err as { stack?: string }).stack).toMatch(/^\s+at /);
    expect(JSON.stringify(logged)).not.toContain(secret);
  });
});
