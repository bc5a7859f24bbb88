// The server allows each user a burst of requests refilled evenly over a window (a token bucket,
// `requests: 100 per 10 s`); a benchmark that ran into it would time RATE_LIMITED answers. This
// bucket mirrors it on the client, with a margin, and says how long to wait before a request.

export interface BucketRule {
  capacity: number;
  windowMs: number;
}

/** The server's default request budget per user (examples/server/src/socket/types.ts). */
export const SERVER_REQUEST_RULE: BucketRule = { capacity: 100, windowMs: 10_000 };

/** Tokens kept in hand: clocks and the server's own timing differ by a little. */
const MARGIN = 5;

export class Pacer {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly rule: BucketRule,
    now: number,
  ) {
    this.tokens = rule.capacity - MARGIN;
    this.updatedAt = now;
  }

  /** Milliseconds to wait before taking one token at `now` (0: take it now). */
  waitMs(now: number): number {
    this.refill(now);
    if (this.tokens >= 1) return 0;
    return Math.ceil(((1 - this.tokens) * this.rule.windowMs) / this.rule.capacity);
  }

  /** Takes one token at `now`; call when `waitMs(now)` is 0. */
  take(now: number): void {
    this.refill(now);
    this.tokens -= 1;
  }

  private refill(now: number): void {
    const perMs = this.rule.capacity / this.rule.windowMs;
    this.tokens = Math.min(
      this.rule.capacity - MARGIN,
      this.tokens + Math.max(0, now - this.updatedAt) * perMs,
    );
    this.updatedAt = now;
  }
}
