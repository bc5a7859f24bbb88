// Per-user token buckets kept in Redis, so every node spends from the same budget.
import type { Logger } from 'pino';
import {
  InMemoryRateLimiter,
  type RateDecision,
  type RateLimiter,
  type RateRule,
} from './rate-limiter';
import { RedisScript, type RedisScriptClient, checkKeyPrefix } from './redis-script';

// The same token bucket as InMemoryRateLimiter, read-modify-written in one script so two nodes
// spending at once never both take the last token. The bucket expires once it would be full
// again (after `windowMs` idle): a missing bucket is a full one, so nothing lingers in Redis.
// Floats are stored with 17 significant digits so they round-trip exactly.
const CONSUME = new RedisScript(`
local capacity = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local perMs = capacity / window
local state = redis.call('HMGET', KEYS[1], 't', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then
  tokens = capacity
  at = now
end
-- A node whose clock lags behind the last writer refills nothing rather than going negative.
if now > at then
  tokens = math.min(capacity, tokens + (now - at) * perMs)
  at = now
end
local ok = 0
local retry = 0
if tokens >= 1 then
  tokens = tokens - 1
  ok = 1
else
  retry = math.max(1, math.ceil((1 - tokens) / perMs))
end
redis.call('HSET', KEYS[1], 't', string.format('%.17g', tokens), 'at', string.format('%.17g', at))
redis.call('PEXPIRE', KEYS[1], math.ceil(window))
return {ok, retry}
`);

/** Options of {@link RedisRateLimiter}. */
export interface RedisRateLimiterOptions {
  /** Prepended to every key, e.g. `causette:`. */
  keyPrefix: string;
  /** Where a Redis failure is reported (at most once a minute). */
  logger?: Logger;
  /** Clock, for tests. */
  now?: () => number;
}

/**
 * A {@link RateLimiter} whose buckets live in Redis (`<prefix>rate:<key>`), shared by every node.
 * When Redis does not answer, it falls back to a bucket in this process, so a Redis outage
 * loosens the limit to one budget per node rather than refusing every request.
 */
export class RedisRateLimiter implements RateLimiter {
  private readonly prefix: string;
  private readonly now: () => number;
  private readonly fallback: InMemoryRateLimiter;
  private lastWarning = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly client: RedisScriptClient,
    private readonly options: RedisRateLimiterOptions,
  ) {
    this.prefix = `${checkKeyPrefix(options.keyPrefix)}rate:`;
    this.now = options.now ?? Date.now;
    this.fallback = new InMemoryRateLimiter(this.now);
  }

  async consume(key: string, rule: RateRule): Promise<RateDecision> {
    checkRule(rule);
    const now = this.now();
    let reply: unknown;
    try {
      reply = await CONSUME.run(
        this.client,
        [this.prefix + key],
        [String(rule.capacity), String(rule.windowMs), String(now)],
      );
    } catch (error) {
      if (now - this.lastWarning > 60_000) {
        this.lastWarning = now;
        this.options.logger?.warn({ err: error }, 'Redis rate limiter failed; limiting per node');
      }
      return this.fallback.consume(key, rule);
    }
    const [ok, retryAfterMs] = reply as [number, number];
    return ok === 1 ? { ok: true } : { ok: false, retryAfterMs };
  }
}

function checkRule(rule: RateRule): void {
  if (
    !rule ||
    !Number.isFinite(rule.capacity) ||
    rule.capacity <= 0 ||
    !Number.isFinite(rule.windowMs) ||
    rule.windowMs <= 0
  ) {
    throw new RangeError('rate rule needs a positive capacity and windowMs');
  }
}
