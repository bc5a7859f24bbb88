/** How many actions a user may burst, refilled evenly over `windowMs`. */
export interface RateRule {
  capacity: number;
  windowMs: number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterMs: number };

/**
 * Counts actions per key. The in-memory class serves one process; a Redis-backed one can
 * replace it for several nodes without touching the handlers.
 */
export interface RateLimiter {
  consume(key: string, rule: RateRule): Promise<RateDecision>;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Token buckets in a Map; idle full buckets are forgotten so the map does not grow forever. */
export class InMemoryRateLimiter implements RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private consumed = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async consume(key: string, rule: RateRule): Promise<RateDecision> {
    const now = this.now();
    const perMs = rule.capacity / rule.windowMs;
    const bucket = this.buckets.get(key) ?? { tokens: rule.capacity, updatedAt: now };
    bucket.tokens = Math.min(rule.capacity, bucket.tokens + (now - bucket.updatedAt) * perMs);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    if (++this.consumed % 1000 === 0) this.sweep(now, rule);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterMs: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs)) };
  }

  private sweep(now: number, rule: RateRule): void {
    for (const [key, bucket] of this.buckets) {
      if (now - bucket.updatedAt > rule.windowMs * 10) this.buckets.delete(key);
    }
  }
}
