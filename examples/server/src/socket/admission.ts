import { ServiceError } from '../services/errors';

export interface AdmissionLimits {
  /** Requests doing their work at once (database round trips); more wait in line. */
  maxRunning: number;
  /** Requests waiting in line; one more is refused with `UNAVAILABLE`. */
  maxWaiting: number;
  /** The `retryAfterMs` a refusal carries. */
  retryAfterMs: number;
}

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
 * `close()` starts the drain: nothing new is accepted; what was accepted runs to its end.
 */
export class Admission {
  readonly #limits: AdmissionLimits;
  #running = 0;
  readonly #line: Array<() => void> = [];
  #closed = false;

  constructor(limits: AdmissionLimits = DEFAULT_ADMISSION_LIMITS) {
    for (const [name, value] of Object.entries(limits)) {
      if (!Number.isInteger(value) || value < (name === 'maxWaiting' ? 0 : 1)) {
        throw new RangeError(`${name}: a positive integer, got ${String(value)}`);
      }
    }
    this.#limits = { ...limits };
  }

  /** Runs `work` now, after those in line, or throws `UNAVAILABLE` when the line is full. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#closed) throw this.#refusal('server restarting, retry shortly');
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
    const next = this.#line.shift();
    if (next) next();
    else this.#running -= 1;
  }

  #refusal(message: string): ServiceError {
    return new ServiceError('UNAVAILABLE', message, this.#limits.retryAfterMs);
  }
}
