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
  /**
   * Spends one action of `key`'s budget. A limiter that can decide at once answers synchronously:
   * a flood of refusals then costs no promise, no microtask and no tracked work per request.
   */
  consume(key: string, rule: RateRule): RateDecision | Promise<RateDecision>;
}

const ALLOWED: RateDecision = Object.freeze({ ok: true });

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Token buckets in a Map; idle full buckets are forgotten so the map does not grow forever. */
export class InMemoryRateLimiter implements RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private consumed = 0;

  constructor(private readonly now: () => number = Date.now) {}

  consume(key: string, rule: RateRule): RateDecision {
    const now = this.now();
    const perMs = rule.capacity / rule.windowMs;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: rule.capacity, updatedAt: now };
      this.buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(rule.capacity, bucket.tokens + (now - bucket.updatedAt) * perMs);
    bucket.updatedAt = now;
    if (++this.consumed % 1000 === 0) this.sweep(now, rule);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return ALLOWED;
    }
    return { ok: false, retryAfterMs: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs)) };
  }

  private sweep(now: number, rule: RateRule): void {
    for (const [key, bucket] of this.buckets) {
      if (now - bucket.updatedAt > rule.windowMs * 10) this.buckets.delete(key);
    }
  }
}
