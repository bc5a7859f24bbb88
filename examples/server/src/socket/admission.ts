import { ServiceError } from '../services/errors';

export interface AdmissionLimits {
  /** Requests doing their work at once (database round trips); more wait in line. */
  maxRunning: number;
  /** Requests waiting in line; one more is refused with `UNAVAILABLE`. */
  maxWaiting: number;
  /**
   * The shortest `retryAfterMs` a refusal carries. Under a lasting overload refusals carry longer
   * ones, paced at the rate work completes (see {@link Admission}).
   */
  retryAfterMs: number;
}

/** The longest `retryAfterMs` a paced refusal carries: the client's outbox holds the message. */
export const MAX_RETRY_AFTER_MS = 60_000;
/** Completions are counted over windows this long to know the rate the server gets through. */
const RATE_WINDOW_MS = 1_000;

export const DEFAULT_ADMISSION_LIMITS: AdmissionLimits = {
  maxRunning: 32,
  maxWaiting: 1024,
  retryAfterMs: 1000,
};

/**
 * Bounds the work the server has accepted, so an overload is refused instead of queued without
 * end. Past capacity, an unbounded queue of database work (PGlite runs it on this thread) starves
 * the event loop: heartbeats miss, every socket is dropped at once and the clients come back in
 * a reconnect storm. Refusing with `UNAVAILABLE` and `retryAfterMs` keeps connections alive and
 * lets the clients' outboxes send again later.
 *
 * Refusals are paced: each gets the next free return slot, slots spaced at the rate work has been
 * completing, so the refused come back no faster than the server gets through them. With one
 * fixed delay, every refused message came back every few seconds: at twice the capacity the
 * retries grew with the backlog until answering them was all the server did (measured: 2.7
 * million refusals in 140 s, 13,000 of 80,000 messages stored).
 *
 * `close()` starts the drain: nothing new is accepted; what was accepted runs to its end.
 */
export class Admission {
  readonly #limits: AdmissionLimits;
  #running = 0;
  readonly #line: Array<() => void> = [];
  #closed = false;
  readonly #now: () => number;
  /** Completions counted in the current window, and the rate of the last full one (per ms). */
  #windowStart: number;
  #completedInWindow = 0;
  #lastRatePerMs = 0;
  /** When the last refusal was told to come back (epoch ms). */
  #lastSlotAt = Number.NEGATIVE_INFINITY;

  constructor(limits: AdmissionLimits = DEFAULT_ADMISSION_LIMITS, now: () => number = Date.now) {
    for (const [name, value] of Object.entries(limits)) {
      if (!Number.isInteger(value) || value < (name === 'maxWaiting' ? 0 : 1)) {
        throw new RangeError(`${name}: a positive integer, got ${String(value)}`);
      }
    }
    this.#limits = { ...limits };
    this.#now = now;
    this.#windowStart = now();
  }

  /** Runs `work` now, after those in line, or throws `UNAVAILABLE` when the line is full. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#closed) {
      // Not paced: the clients go to another process, or to this one's successor.
      throw new ServiceError(
        'UNAVAILABLE',
        'server restarting, retry shortly',
        this.#limits.retryAfterMs,
      );
    }
    if (this.#running >= this.#limits.maxRunning) {
      if (this.#line.length >= this.#limits.maxWaiting)
        throw this.#refusal('server busy, retry later');
      // The slot is handed over by the request that frees it: a newcomer cannot jump the line.
      await new Promise<void>((resolve) => this.#line.push(resolve));
    } else {
      this.#running += 1;
    }
    try {
      return await work();
    } finally {
      this.#release();
    }
  }

  /** Stops accepting; what is running or in line still runs. */
  close(): void {
    this.#closed = true;
  }

  get running(): number {
    return this.#running;
  }

  get waiting(): number {
    return this.#line.length;
  }

  #release(): void {
    this.#noteCompletion();
    const next = this.#line.shift();
    if (next) next();
    else this.#running -= 1;
  }

  #noteCompletion(): void {
    const now = this.#now();
    const elapsed = now - this.#windowStart;
    if (elapsed >= RATE_WINDOW_MS) {
      this.#lastRatePerMs = this.#completedInWindow / elapsed;
      this.#windowStart = now;
      this.#completedInWindow = 0;
    }
    this.#completedInWindow += 1;
  }

  /** Requests completed per ms lately; never below maxRunning a second (a stalled database). */
  #ratePerMs(now: number): number {
    const elapsed = now - this.#windowStart;
    // Nothing has completed for a window or more (the database stalled): the last rate is stale.
    const last = elapsed < 2 * RATE_WINDOW_MS ? this.#lastRatePerMs : 0;
    // The current window counts as a whole one at least: a few completions just after it began
    // must not read as a burst.
    const current = this.#completedInWindow / Math.max(elapsed, RATE_WINDOW_MS);
    return Math.max(last, current, this.#limits.maxRunning / RATE_WINDOW_MS);
  }

  #refusal(message: string): ServiceError {
    const now = this.#now();
    const earliest = now + this.#limits.retryAfterMs;
    const slot = Math.min(
      Math.max(earliest, this.#lastSlotAt + 1 / this.#ratePerMs(now)),
      now + Math.max(MAX_RETRY_AFTER_MS, this.#limits.retryAfterMs),
    );
    this.#lastSlotAt = slot;
    return new ServiceError('UNAVAILABLE', message, Math.ceil(slot - now));
  }
}
