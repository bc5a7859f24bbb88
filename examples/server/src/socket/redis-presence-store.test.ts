import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InMemoryPresenceStore } from './presence-store';
import { RedisPresenceStore, type RedisPresenceStoreOptions } from './redis-presence-store';
import {
  TEST_REDIS_URL,
  type TestRedisClient,
  deleteKeysUnder,
  keysUnder,
  openTestRedis,
  testKeyPrefix,
} from './redis-test-helpers';

const GRACE = 5000;
const window = (lastSeen: number) => ({ lastSeen, deadline: lastSeen + GRACE });

describe.skipIf(!TEST_REDIS_URL)('RedisPresenceStore (REDIS_URL)', () => {
  // A prefix per test: a sweep sees every node and user under its prefix.
  let prefix = testKeyPrefix();
  let client: TestRedisClient;
  const opened: RedisPresenceStore[] = [];
  beforeAll(async () => {
    client = await openTestRedis();
  });
  beforeEach(() => {
    prefix = testKeyPrefix();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    await deleteKeysUnder(client, prefix);
  });
  afterAll(async () => {
    await client.close();
  });

  /** A node; its heartbeat only beats on start() within a test (an hour apart). */
  async function node(nodeId: string, options: Partial<RedisPresenceStoreOptions> = {}) {
    const store = new RedisPresenceStore(client, {
      keyPrefix: prefix,
      nodeId,
      graceMs: GRACE,
      heartbeatMs: 3_600_000,
      ...options,
    });
    await store.start();
    opened.push(store);
    return store;
  }

  it("counts a user's sockets across nodes and opens one pending offline when the last leaves", async () => {
    const a = await node('a1');
    const b = await node('b1');
    expect(await a.join('u1', 's1')).toEqual({ count: 1, resumed: false });
    expect(await b.join('u1', 's2')).toEqual({ count: 2, resumed: false });
    expect(await b.count('u1')).toBe(2);
    expect(await a.leave('u1', 's1', window(1000))).toEqual({ count: 1 });
    const last = await b.leave('u1', 's2', window(2000));
    expect(last).toEqual({ count: 0, pendingToken: expect.any(String) });
    // A socket forgotten twice (a late duplicate disconnect) opens nothing more.
    expect(await b.leave('u1', 's2', window(3000))).toEqual({ count: 0 });
    expect(await a.settle('u1', 'not-the-token')).toBeNull();
    // Settled once, by whichever node asks first, with the time the last socket left.
    const settled = await Promise.all([
      a.settle('u1', last.pendingToken!),
      b.settle('u1', last.pendingToken!),
    ]);
    expect(settled.filter((s) => s !== null)).toEqual([2000]);
  });

  it('cancels the pending offline when the user comes back on another node within the grace', async () => {
    const a = await node('a2');
    const b = await node('b2');
    await a.join('u2', 's1');
    const { pendingToken } = await a.leave('u2', 's1', window(1000));
    expect(await b.join('u2', 's2')).toEqual({ count: 1, resumed: true });
    expect(await a.settle('u2', pendingToken!)).toBeNull();
    // Leaving again opens a new pending offline; the old token cannot settle it.
    const again = await b.leave('u2', 's2', window(4000));
    expect(again.pendingToken).not.toBe(pendingToken);
    expect(await a.settle('u2', pendingToken!)).toBeNull();
    expect(await a.settle('u2', again.pendingToken!)).toBe(4000);
  });

  it('lets the sweep settle a pending offline whose node never did, after its deadline', async () => {
    const a = await node('a3');
    const b = await node('b3');
    await a.join('u3', 's1');
    await a.leave('u3', 's1', window(10_000));
    expect(await b.sweep(10_000 + GRACE - 1)).toEqual([]);
    expect(await b.sweep(10_000 + GRACE + 1000)).toEqual([{ userId: 'u3', lastSeen: 10_000 }]);
    expect(await b.sweep(10_000 + GRACE + 1000)).toEqual([]);
  });

  it("forgets a dead node's sockets: its users go offline from its last heartbeat", async () => {
    let now = 50_000;
    const a = await node('a4', { now: () => now });
    const b = await node('b4', { now: () => now });
    await a.join('u4', 's1');
    await a.join('u5', 's2');
    await b.join('u5', 's3');
    // Node a crashes: its heartbeat key expires.
    await client.del(`${prefix}presence:alive:a4`);
    now = 50_000 + GRACE + 2000;
    expect(await b.sweep(now)).toEqual([{ userId: 'u4', lastSeen: 50_000 }]);
    expect(await b.count('u4')).toBe(0);
    // u5 still has a socket on b: online, nothing settled.
    expect(await b.count('u5')).toBe(1);
    expect(await keysUnder(client, `${prefix}presence:n:a4`)).toEqual([]);
  });

  it('leaves the users of a node that shuts down pending, for another node to settle or cancel', async () => {
    let now = 80_000;
    const a = new RedisPresenceStore(client, {
      keyPrefix: prefix,
      nodeId: 'a5',
      graceMs: GRACE,
      now: () => now,
    });
    await a.start();
    const b = await node('b5', { now: () => now });
    await a.join('u6', 's1');
    await a.join('u7', 's2');
    await a.close();
    expect(await b.count('u6')).toBe(0);
    expect(await b.join('u7', 's3')).toEqual({ count: 1, resumed: true });
    expect(await b.sweep(now)).toEqual([]);
    now += GRACE + 2000;
    expect(await b.sweep(now)).toEqual([{ userId: 'u6', lastSeen: 80_000 }]);
  });

  it('refuses bad options with a clear error', () => {
    expect(() => new RedisPresenceStore(client, { keyPrefix: '' })).toThrow(/keyPrefix/);
    expect(() => new RedisPresenceStore(client, { keyPrefix: prefix, heartbeatMs: 0 })).toThrow(
      /heartbeatMs/,
    );
  });
});

describe('InMemoryPresenceStore pending offlines', () => {
  it('opens one when the last socket leaves, cancels it on return, settles it once', async () => {
    const store = new InMemoryPresenceStore();
    expect(await store.join('u', 's1')).toEqual({ count: 1, resumed: false });
    expect(await store.join('u', 's2')).toEqual({ count: 2, resumed: false });
    expect(await store.leave('u', 's1', window(1))).toEqual({ count: 1 });
    const first = await store.leave('u', 's2', window(2));
    expect(first.pendingToken).toEqual(expect.any(String));
    expect(await store.leave('u', 's2', window(3))).toEqual({ count: 0 });
    expect(await store.join('u', 's3')).toEqual({ count: 1, resumed: true });
    expect(await store.settle('u', first.pendingToken!)).toBeNull();
    const second = await store.leave('u', 's3', window(4));
    expect(await store.settle('u', 'other')).toBeNull();
    expect(await store.settle('u', second.pendingToken!)).toBe(4);
    expect(await store.settle('u', second.pendingToken!)).toBeNull();
  });
});
