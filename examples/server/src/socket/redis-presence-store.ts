// Presence counted across nodes in Redis: sockets per user, pending offlines, node heartbeats.
import { randomUUID } from 'node:crypto';
import { PRESENCE_OFFLINE_GRACE_MS } from '@causette/protocol';
import type {
  JoinResult,
  LeaveResult,
  OfflineWindow,
  PresenceStore,
  SettledOffline,
} from './presence-store';
import { RedisScript, type RedisScriptClient, checkKeyPrefix } from './redis-script';

// Keys, under `<prefix>presence:`:
//   u:<userId>     hash socketId -> nodeId   the user's sockets on every node (count = HLEN)
//   n:<nodeId>     hash socketId -> userId   one node's sockets, to forget them if it dies
//   nodes          hash nodeId -> last heartbeat (ms)
//   alive:<nodeId> string, expires (PX) unless the node keeps beating
//   p:<userId>     hash token, lastSeen      the user's pending offline
//   pending        zset userId -> deadline   pending offlines, for the sweep
// Scripts build some keys from the prefix (ARGV), so this store needs one Redis, not a Cluster.

// Forgets every socket of node `dead`; users left with none get a pending offline dated from the
// node's last heartbeat. Expects `prefix` and `grace` in scope.
const REAP = `
local function reap(dead, fallbackLastSeen)
  local nodeKey = prefix .. 'n:' .. dead
  local lastSeen = tonumber(redis.call('HGET', prefix .. 'nodes', dead)) or fallbackLastSeen
  local entries = redis.call('HGETALL', nodeKey)
  for i = 1, #entries, 2 do
    local userKey = prefix .. 'u:' .. entries[i + 1]
    if redis.call('HDEL', userKey, entries[i]) == 1 and redis.call('HLEN', userKey) == 0 then
      redis.call('HSET', prefix .. 'p:' .. entries[i + 1], 'token', 'reaped', 'lastSeen', lastSeen)
      redis.call('ZADD', prefix .. 'pending', lastSeen + grace, entries[i + 1])
    end
  end
  redis.call('DEL', nodeKey, prefix .. 'alive:' .. dead)
  redis.call('HDEL', prefix .. 'nodes', dead)
end
`;

// KEYS: u, n, p, pending. ARGV: socketId, nodeId, userId.
const JOIN = new RedisScript(`
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
local resumed = redis.call('DEL', KEYS[3])
redis.call('ZREM', KEYS[4], ARGV[3])
return {redis.call('HLEN', KEYS[1]), resumed}
`);

// KEYS: u, n, p, pending. ARGV: socketId, userId, lastSeen, deadline, token.
const LEAVE = new RedisScript(`
local removed = redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
local count = redis.call('HLEN', KEYS[1])
if count > 0 or removed == 0 then return {count, 0} end
redis.call('HSET', KEYS[3], 'token', ARGV[5], 'lastSeen', ARGV[3])
redis.call('ZADD', KEYS[4], ARGV[4], ARGV[2])
return {0, 1}
`);

// Settles one pending offline. Expects `prefix` in scope; token '' settles whichever is pending.
const SETTLE_ONE = `
local function settle(user, wanted)
  local pendingKey = prefix .. 'p:' .. user
  local token = redis.call('HGET', pendingKey, 'token')
  if not token then
    redis.call('ZREM', prefix .. 'pending', user)
    return false
  end
  if wanted ~= '' and token ~= wanted then return false end
  local lastSeen = redis.call('HGET', pendingKey, 'lastSeen')
  redis.call('DEL', pendingKey)
  redis.call('ZREM', prefix .. 'pending', user)
  if redis.call('HLEN', prefix .. 'u:' .. user) > 0 then return false end
  return lastSeen
end
`;

// ARGV: prefix, userId, token.
const SETTLE = new RedisScript(`
local prefix = ARGV[1]
${SETTLE_ONE}
return settle(ARGV[2], ARGV[3])
`);

// ARGV: prefix, this node, now, grace, overdue-before, limit. Returns { userId, lastSeen, ... }.
const SWEEP = new RedisScript(`
local prefix, me, now, grace = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
${REAP}
${SETTLE_ONE}
local nodes = redis.call('HKEYS', prefix .. 'nodes')
for _, node in ipairs(nodes) do
  if node ~= me and redis.call('EXISTS', prefix .. 'alive:' .. node) == 0 then reap(node, now) end
end
local settled = {}
local due = redis.call('ZRANGEBYSCORE', prefix .. 'pending', '-inf', ARGV[5], 'LIMIT', 0, ARGV[6])
for _, user in ipairs(due) do
  local lastSeen = settle(user, '')
  if lastSeen then
    table.insert(settled, user)
    table.insert(settled, lastSeen)
  end
end
return settled
`);

// ARGV: prefix, this node, now, ttl.
const HEARTBEAT = new RedisScript(`
redis.call('SET', ARGV[1] .. 'alive:' .. ARGV[2], ARGV[3], 'PX', ARGV[4])
redis.call('HSET', ARGV[1] .. 'nodes', ARGV[2], ARGV[3])
return 1
`);

// ARGV: prefix, this node, now, grace. Hands this node's remaining sockets to the sweep.
const RETIRE = new RedisScript(`
local prefix, grace = ARGV[1], tonumber(ARGV[4])
${REAP}
redis.call('HSET', prefix .. 'nodes', ARGV[2], ARGV[3])
reap(ARGV[2], tonumber(ARGV[3]))
return 1
`);

/** Options of {@link RedisPresenceStore}. */
export interface RedisPresenceStoreOptions {
  /** Prepended to every key, e.g. `causette:`. */
  keyPrefix: string;
  /** This process's id among the nodes (a random one by default). */
  nodeId?: string;
  /** How often this node proves it is alive; it is presumed dead after three missed beats. */
  heartbeatMs?: number;
  /** The offline grace, for users of a dead node (PRESENCE_OFFLINE_GRACE_MS by default). */
  graceMs?: number;
  /** How late past its deadline a pending offline is settled by the sweep rather than its node. */
  sweepSlackMs?: number;
  /** Called when a heartbeat fails (Redis unreachable); the next beat retries. */
  onError?: (error: unknown) => void;
  /** Clock, for tests. */
  now?: () => number;
}

/**
 * A {@link PresenceStore} shared by every node through Redis. Each node beats a heartbeat key;
 * when one stops (crash, network cut), the next {@link sweep} on any node forgets its sockets
 * and settles its users' offlines, so nobody stays online forever. Call {@link start} once
 * connected and {@link close} on shutdown.
 */
export class RedisPresenceStore implements PresenceStore {
  /** This node's id in Redis. */
  readonly nodeId: string;
  private readonly prefix: string;
  private readonly heartbeatMs: number;
  private readonly graceMs: number;
  private readonly sweepSlackMs: number;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: RedisScriptClient,
    private readonly options: RedisPresenceStoreOptions,
  ) {
    this.prefix = `${checkKeyPrefix(options.keyPrefix)}presence:`;
    this.nodeId = options.nodeId ?? randomUUID();
    this.heartbeatMs = positive(options.heartbeatMs ?? 10_000, 'heartbeatMs');
    this.graceMs = positive(options.graceMs ?? PRESENCE_OFFLINE_GRACE_MS, 'graceMs');
    this.sweepSlackMs = positive(options.sweepSlackMs ?? 1000, 'sweepSlackMs');
    this.now = options.now ?? Date.now;
  }

  /** Registers this node and keeps its heartbeat going until {@link close}. */
  async start(): Promise<void> {
    await this.beat();
    this.timer ??= setInterval(() => {
      this.beat().catch((error: unknown) => this.options.onError?.(error));
    }, this.heartbeatMs);
    this.timer.unref();
  }

  /**
   * Stops the heartbeat and retires this node: sockets it still counts are forgotten, their
   * users' offlines left pending for the other nodes (or this one after a restart) to settle.
   */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await RETIRE.run(
      this.client,
      [],
      [this.prefix, this.nodeId, String(this.now()), String(this.graceMs)],
    );
  }

  async join(userId: string, socketId: string): Promise<JoinResult> {
    const [count, resumed] = (await JOIN.run(this.client, this.keys(userId), [
      socketId,
      this.nodeId,
      userId,
    ])) as [number, number];
    return { count, resumed: resumed === 1 };
  }

  async leave(userId: string, socketId: string, offline: OfflineWindow): Promise<LeaveResult> {
    const token = randomUUID();
    const [count, opened] = (await LEAVE.run(this.client, this.keys(userId), [
      socketId,
      userId,
      String(offline.lastSeen),
      String(offline.deadline),
      token,
    ])) as [number, number];
    return opened === 1 ? { count, pendingToken: token } : { count };
  }

  async settle(userId: string, token: string): Promise<number | null> {
    if (token === '') return null;
    const lastSeen = await SETTLE.run(this.client, [], [this.prefix, userId, token]);
    return lastSeen === null ? null : Number(lastSeen);
  }

  async count(userId: string): Promise<number> {
    return Number(
      await this.client.eval("return redis.call('HLEN', KEYS[1])", {
        keys: [`${this.prefix}u:${userId}`],
        arguments: [],
      }),
    );
  }

  async sweep(now: number): Promise<SettledOffline[]> {
    const reply = (await SWEEP.run(
      this.client,
      [],
      [
        this.prefix,
        this.nodeId,
        String(now),
        String(this.graceMs),
        String(now - this.sweepSlackMs),
        '100',
      ],
    )) as string[];
    const settled: SettledOffline[] = [];
    for (let i = 0; i + 1 < reply.length; i += 2) {
      settled.push({ userId: reply[i] as string, lastSeen: Number(reply[i + 1]) });
    }
    return settled;
  }

  private beat(): Promise<unknown> {
    return HEARTBEAT.run(
      this.client,
      [],
      [this.prefix, this.nodeId, String(this.now()), String(this.heartbeatMs * 3)],
    );
  }

  private keys(userId: string): string[] {
    return [
      `${this.prefix}u:${userId}`,
      `${this.prefix}n:${this.nodeId}`,
      `${this.prefix}p:${userId}`,
      `${this.prefix}pending`,
    ];
  }
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be positive`);
  return value;
}
