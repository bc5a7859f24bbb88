// The latency timers at the driver level: every statement of the server's database and every
// Redis command of its presence store and rate limiter is reported once, failed ones too, and
// what the caller gets back is the driver's own answer.
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { type Database, openDatabase } from '../db';
import { queryRows } from '../db/raw';
import { openTestPglite } from '../db/test-backends';
import { createTestPostgres } from '../db/test-postgres';
import { connectRedisScaleOut } from '../socket/redis-scale-out';
import {
  TEST_REDIS_URL,
  deleteKeysUnder,
  openTestRedis,
  testKeyPrefix,
} from '../socket/redis-test-helpers';
import type { RedisCaller } from './metrics';
import { timedScriptClient } from './timers';

// PGlite runs PostgreSQL in WebAssembly: generous limits on slow shared machines.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 600_000 });

interface Timed {
  database: Database;
  /** Statements reported so far. */
  reported: () => number;
  destroy(): Promise<void>;
}

type Open = (onQuery: () => void) => Promise<Database & { drop(): Promise<void> }>;

/**
 * A migrated database of each backend, opened with the timer on, and how many statements a
 * transaction of two reports there (PostgreSQL sends BEGIN and COMMIT as statements of their own;
 * PGlite runs them inside its `transaction`).
 */
const backends: Array<[name: string, open: Open, statementsOfTransaction: number]> = [
  [
    'PGlite',
    async (onQuery) => {
      const template = await openTestPglite();
      await template.close();
      const database = await openDatabase({ pgliteDir: template.dir, onQuery });
      return { ...database, drop: async () => rmSync(template.dir, { recursive: true }) };
    },
    2,
  ],
];
const DATABASE_URL = process.env.DATABASE_URL;
if (DATABASE_URL) {
  backends.push([
    'PostgreSQL',
    async (onQuery) => {
      const created = await createTestPostgres(DATABASE_URL);
      const database = await openDatabase({
        databaseUrl: created.url,
        pgliteDir: 'memory://',
        onQuery,
      });
      return { ...database, drop: created.drop };
    },
    4,
  ]);
}

async function timed(open: Open): Promise<Timed> {
  let reported = 0;
  const opened = await open(() => {
    reported += 1;
  });
  return {
    database: opened,
    reported: () => reported,
    async destroy() {
      await opened.close();
      await opened.drop();
    },
  };
}

describe.each(backends)('database statements on %s', (_name, open, statementsOfTransaction) => {
  const opened: Timed[] = [];
  afterAll(async () => {
    for (const t of opened) await t.destroy();
  });

  it('reports each statement once, failed ones too, and not the migrations', async () => {
    const t = await timed(open);
    opened.push(t);
    expect(t.reported()).toBe(0);

    const rows = await queryRows<{ n: number }>(t.database.db, sql`select 41 + 1 as n`);
    expect(rows).toEqual([{ n: 42 }]);
    expect(t.reported()).toBe(1);

    await expect(t.database.db.execute(sql`select * from no_such_table`)).rejects.toThrow();
    expect(t.reported()).toBe(2);

    const user = `u-${randomUUID()}`;
    await t.database.users.upsert({ id: user, displayName: 'Ana' });
    expect(t.reported()).toBeGreaterThan(2);
  });

  it('reports the statements run inside a transaction', async () => {
    const t = await timed(open);
    opened.push(t);
    const answer = await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      return queryRows<{ n: number }>(tx, sql`select 2 as n`);
    });
    expect(answer).toEqual([{ n: 2 }]);
    expect(t.reported()).toBe(statementsOfTransaction);
  });
});

describe('timedScriptClient', () => {
  it("reports each command once, answered or failed, and hands back the client's own answer", async () => {
    const started: number[] = [];
    const failure = new Error('NOSCRIPT No matching script');
    const client = {
      evalSha: vi.fn(async () => {
        throw failure;
      }),
      eval: vi.fn(async () => [1, 0]),
    };
    const timedClient = timedScriptClient(client, (startedAt) => started.push(startedAt));
    const options = { keys: ['k'], arguments: ['a'] };

    await expect(timedClient.evalSha('sha', options)).rejects.toBe(failure);
    expect(await timedClient.eval('return 1', options)).toEqual([1, 0]);
    expect(client.evalSha).toHaveBeenCalledWith('sha', options);
    expect(client.eval).toHaveBeenCalledWith('return 1', options);
    expect(started).toHaveLength(2);
  });
});

describe.skipIf(!TEST_REDIS_URL)('Redis commands of the scale-out (REDIS_URL)', () => {
  it('reports the presence store and the rate limiter under their own caller', async () => {
    const prefix = testKeyPrefix();
    const callers: RedisCaller[] = [];
    const scaleOut = await connectRedisScaleOut({
      url: TEST_REDIS_URL!,
      logger: pino({ level: 'silent' }),
      keyPrefix: prefix,
      onCommand: (caller) => callers.push(caller),
    });
    const redis = await openTestRedis();
    try {
      // Starting beat the presence heartbeat.
      expect(callers).toContain('presence');
      expect(callers).not.toContain('rate_limit');
      callers.length = 0;
      await scaleOut.rateLimiter.consume('requests:ana', { capacity: 5, windowMs: 1000 });
      expect(callers.length).toBeGreaterThanOrEqual(1);
      expect(new Set(callers)).toEqual(new Set(['rate_limit']));
      callers.length = 0;
      await scaleOut.presenceStore.join('ana', 'socket-1');
      expect(callers.length).toBeGreaterThanOrEqual(1);
      expect(new Set(callers)).toEqual(new Set(['presence']));
    } finally {
      await scaleOut.close();
      await deleteKeysUnder(redis, prefix);
      await redis.close();
    }
  });
});
