// REDIS_URL: the Socket.io Redis adapter plus presence and rate limits shared through Redis.
import { createAdapter } from '@socket.io/redis-adapter';
import type { Logger } from 'pino';
import { createClient } from 'redis';
import type { RedisCaller } from '../metrics/metrics';
import { timedScriptClient } from '../metrics/timers';
import { FIRE_AND_FORGET_METHODS, guardRejections } from './redis-guard';
import { RedisPresenceStore } from './redis-presence-store';
import { RedisRateLimiter } from './redis-rate-limiter';
import { checkKeyPrefix } from './redis-script';
import type { ScaleOut } from './types';

/** The key prefix when none is given: every key this server writes starts with it. */
export const DEFAULT_REDIS_KEY_PREFIX = 'causette:';

/** Options of {@link connectRedisScaleOut}. */
export interface RedisScaleOutOptions {
  /** `redis://` or `rediss://` URL (REDIS_URL). */
  url: string;
  logger: Logger;
  /** Prefix of every key and pub/sub channel ({@link DEFAULT_REDIS_KEY_PREFIX} by default). */
  keyPrefix?: string;
  /** This process's id among the nodes (random by default). */
  nodeId?: string;
  /** The offline grace, for users of a node that died (PRESENCE_OFFLINE_GRACE_MS by default). */
  presenceGraceMs?: number;
  /** How often this node beats its presence heartbeat (10 s by default). */
  heartbeatMs?: number;
  /** How long the first connection may take before start-up fails (10 s by default). */
  connectTimeoutMs?: number;
  /** A command Redis does not answer within this fails (2 s by default) instead of hanging. */
  commandTimeoutMs?: number;
  /**
   * Called as each command of the presence store and the rate limiter settles, with
   * `performance.now()` read when it was sent (the metrics' Redis latency).
   */
  onCommand?: (caller: RedisCaller, startedAt: number) => void;
}

/** The Redis scale-out: {@link ScaleOut} plus this node's id. */
export interface RedisScaleOut extends ScaleOut {
  nodeId: string;
  presenceStore: RedisPresenceStore;
  rateLimiter: RedisRateLimiter;
}

/**
 * Connects to Redis (two clients: one publishes and runs the scripts, one subscribes) and builds
 * the adapter and the shared stores. Rejects when Redis cannot be reached at start; afterwards a
 * lost connection is logged and retried forever, never thrown.
 */
export async function connectRedisScaleOut(options: RedisScaleOutOptions): Promise<RedisScaleOut> {
  if (!/^rediss?:\/\//.test(options.url ?? '')) {
    throw new TypeError('url must be a redis:// or rediss:// URL');
  }
  const keyPrefix = checkKeyPrefix(options.keyPrefix ?? DEFAULT_REDIS_KEY_PREFIX);
  const { logger } = options;
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const startedAt = Date.now();
  let ready = false;
  const pub = createClient({
    url: options.url,
    commandOptions: { timeout: options.commandTimeoutMs ?? 2000 },
    socket: {
      connectTimeout: Math.min(connectTimeoutMs, 5000),
      // Before the first connection, give up at the deadline (start-up fails); after it, retry
      // forever with a capped backoff: a Redis restart must not take the chat down.
      reconnectStrategy: (retries, cause) =>
        !ready && Date.now() - startedAt >= connectTimeoutMs
          ? cause
          : Math.min(100 * 2 ** Math.min(retries, 6), 5000),
    },
  });
  const sub = pub.duplicate();
  const where = redactUrl(options.url);
  for (const [role, client] of [
    ['pub', pub],
    ['sub', sub],
  ] as const) {
    client.on('error', (error: unknown) => {
      if (ready) logger.warn({ err: error, redis: where, role }, 'Redis connection error');
    });
    client.on('reconnecting', () => {
      if (ready) logger.info({ redis: where, role }, 'Redis reconnecting');
    });
  }
  try {
    await Promise.all([pub.connect(), sub.connect()]);
  } catch (error) {
    pub.destroy();
    sub.destroy();
    throw new Error(`could not connect to Redis at ${where}`, { cause: error });
  }
  ready = true;

  const { onCommand } = options;
  const clientOf = (caller: RedisCaller) =>
    onCommand ? timedScriptClient(pub, (startedAt) => onCommand(caller, startedAt)) : pub;
  const presenceStore = new RedisPresenceStore(clientOf('presence'), {
    keyPrefix,
    ...(options.nodeId === undefined ? {} : { nodeId: options.nodeId }),
    ...(options.presenceGraceMs === undefined ? {} : { graceMs: options.presenceGraceMs }),
    ...(options.heartbeatMs === undefined ? {} : { heartbeatMs: options.heartbeatMs }),
    onError: (error) => logger.warn({ err: error }, 'presence heartbeat failed'),
  });
  try {
    await presenceStore.start();
  } catch (error) {
    pub.destroy();
    sub.destroy();
    throw error;
  }
  const rateLimiter = new RedisRateLimiter(clientOf('rate_limit'), { keyPrefix, logger });
  logger.info({ redis: where, nodeId: presenceStore.nodeId }, 'Redis scale-out on');

  // An emit while Redis is away is lost for the other nodes (pub/sub keeps nothing): say so, at
  // most once a second, rather than crash on the adapter's unawaited promise.
  let lastWarning = Number.NEGATIVE_INFINITY;
  const guard = <C extends object>(client: C, role: string) =>
    guardRejections(client, FIRE_AND_FORGET_METHODS, (error, method) => {
      if (Date.now() - lastWarning < 1000) return;
      lastWarning = Date.now();
      logger.warn({ err: error, redis: where, role, method }, 'Redis adapter command failed');
    });
  let closing: Promise<void> | undefined;
  return {
    nodeId: presenceStore.nodeId,
    adapter: createAdapter(guard(pub, 'pub'), guard(sub, 'sub'), { key: `${keyPrefix}socket.io` }),
    presenceStore,
    rateLimiter,
    close() {
      closing ??= (async () => {
        try {
          await presenceStore.close();
        } catch (error) {
          logger.warn({ err: error }, 'could not retire this node from Redis presence');
        }
        await Promise.all([closeClient(pub), closeClient(sub)]);
      })();
      return closing;
    },
  };
}

/** Closes gracefully (pending replies arrive), or drops the connection when Redis is gone. */
async function closeClient(client: { close(): Promise<void>; destroy(): void }): Promise<void> {
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(resolve, 2000, 'timeout').unref());
  try {
    if ((await Promise.race([client.close(), timeout])) === 'timeout') destroy(client);
  } catch {
    destroy(client);
  }
}

function destroy(client: { destroy(): void }): void {
  try {
    client.destroy();
  } catch {
    // Already closed: nothing left to release.
  }
}

/** The URL without its password, for logs. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.href;
  } catch {
    return 'redis://(unparsable URL)';
  }
}
