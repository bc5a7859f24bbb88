import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisRateLimiter } from './redis-rate-limiter';
import type { RedisScriptClient } from './redis-script';
import {
  TEST_REDIS_URL,
  type TestRedisClient,
  deleteKeysUnder,
  keysUnder,
  openTestRedis,
  testKeyPrefix,
} from './redis-test-helpers';

const rule = { capacity: 3, windowMs: 3000 };

describe.skipIf(!TEST_REDIS_URL)('RedisRateLimiter (REDIS_URL)', () => {
  const prefix = testKeyPrefix();
  let client: TestRedisClient;
  beforeAll(async () => {
    client = await openTestRedis();
  });
  afterAll(async () => {
    await deleteKeysUnder(client, prefix);
    await client.close();
  });

  it('shares one budget between two nodes, and answers the wait until the next token', async () => {
    let now = 1_000_000;
    const nodeA = new RedisRateLimiter(client, { keyPrefix: prefix, now: () => now });
    const nodeB = new RedisRateLimiter(client, { keyPrefix: prefix, now: () => now });
    expect(await nodeA.consume('messages:u1', rule)).toEqual({ ok: true });
    expect(await nodeB.consume('messages:u1', rule)).toEqual({ ok: true });
    expect(await nodeA.consume('messages:u1', rule)).toEqual({ ok: true });
    expect(await nodeB.consume('messages:u1', rule)).toEqual({ ok: false, retryAfterMs: 1000 });
    now += 400;
    expect(await nodeA.consume('messages:u1', rule)).toEqual({ ok: false, retryAfterMs: 600 });
    now += 600;
    expect(await nodeB.consume('messages:u1', rule)).toEqual({ ok: true });
    expect(await nodeA.consume('messages:u1', rule)).toMatchObject({ ok: false });
    // Other keys have their own budget.
    expect(await nodeA.consume('messages:u2', rule)).toEqual({ ok: true });
  });

  it('never gives more than the capacity to concurrent nodes', async () => {
    const nodes = Array.from(
      { length: 4 },
      () => new RedisRateLimiter(client, { keyPrefix: prefix, now: () => 5_000_000 }),
    );
    const decisions = await Promise.all(
      Array.from({ length: 20 }, (_, i) => nodes[i % 4]!.consume('burst', rule)),
    );
    expect(decisions.filter((d) => d.ok)).toHaveLength(3);
  });

  it('refills to capacity, never beyond, and lets an idle bucket expire', async () => {
    let now = 2_000_000;
    const limiter = new RedisRateLimiter(client, { keyPrefix: prefix, now: () => now });
    for (let i = 0; i < 3; i++) await limiter.consume('refill', rule);
    now += 60_000;
    for (let i = 0; i < 3; i++) expect((await limiter.consume('refill', rule)).ok).toBe(true);
    expect((await limiter.consume('refill', rule)).ok).toBe(false);
    const ttl = await client.pTTL(`${prefix}rate:refill`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(rule.windowMs);
    expect(await keysUnder(client, `${prefix}rate:`)).toContain(`${prefix}rate:refill`);
  });
});

describe('RedisRateLimiter without Redis', () => {
  const broken: RedisScriptClient = {
    eval: () => Promise.reject(new Error('connection lost')),
    evalSha: () => Promise.reject(new Error('connection lost')),
  };

  it('falls back to a budget per node when Redis fails, and logs it once', async () => {
    const warnings: unknown[] = [];
    const logger = { warn: (...args: unknown[]) => warnings.push(args) };
    const limiter = new RedisRateLimiter(broken, {
      keyPrefix: 'x:',
      now: () => 0,
      logger: logger as never,
    });
    for (let i = 0; i < 3; i++) expect(await limiter.consume('u', rule)).toEqual({ ok: true });
    expect(await limiter.consume('u', rule)).toEqual({ ok: false, retryAfterMs: 1000 });
    expect(warnings).toHaveLength(1);
  });

  it('refuses bad rules and prefixes with a clear error', async () => {
    const limiter = new RedisRateLimiter(broken, { keyPrefix: 'x:' });
    await expect(limiter.consume('u', { capacity: 0, windowMs: 1000 })).rejects.toThrow(
      /positive capacity/,
    );
    expect(() => new RedisRateLimiter(broken, { keyPrefix: '' })).toThrow(/keyPrefix/);
  });
});
