import { type BackoffOptions, backoffDelay } from '../backoff';

/** Options of a {@link ReconnectScheduler}. */
export interface ReconnectSchedulerOptions extends BackoffOptions {
  /** Jitter source in [0, 1); defaults to `Math.random`. */
  random?: () => number;
  /** Clock for `nextRetryAt`; defaults to `Date.now`. */
  now?: () => number;
}

/**
 * Counts consecutive failed attempts and owns the single backoff timer between them. It holds no
 * socket: the connection tells it about failures and successes and gets `run` called back.
 */
export class ReconnectScheduler {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #failureCount = 0;
  #retryAt: number | undefined;

  readonly #run: () => void;
  readonly #options: ReconnectSchedulerOptions;

  constructor(run: () => void, options: ReconnectSchedulerOptions = {}) {
    this.#run = run;
    this.#options = options;
  }

  /** Failed attempts since the last success (or reset). */
  get failures(): number {
    return this.#failureCount;
  }

  /** When the pending retry fires (epoch ms), if one is pending. */
  get nextRetryAt(): number | undefined {
    return this.#retryAt;
  }

  /** Whether a retry timer is pending. */
  get pending(): boolean {
    return this.#timer !== undefined;
  }

  /** Counts a failed attempt. */
  recordFailure(): void {
    this.#failureCount += 1;
  }

  /**
   * Schedules the next attempt after a full-jitter backoff delay whose ceiling doubles with each
   * consecutive failure (the first retry waits the minimum). Replaces any pending timer; returns
   * the delay.
   */
  scheduleRetry(): number {
    this.cancel();
    const { random = Math.random, now = Date.now, minDelayMs, maxDelayMs } = this.#options;
    const delay = backoffDelay(this.#failureCount - 1, { minDelayMs, maxDelayMs }, random);
    this.#retryAt = now() + delay;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#retryAt = undefined;
      this.#run();
    }, delay);
    return delay;
  }

  /** Drops the pending timer, if any; the failure count stays. */
  cancel(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#retryAt = undefined;
  }

  /** After a success or a deliberate stop: no timer, failure count back to zero. */
  reset(): void {
    this.cancel();
    this.#failureCount = 0;
  }
}
