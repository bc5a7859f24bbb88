// Per client: when it was connected again and when it was back (its missed messages in hand),
// each recorded once, on the worker's wall clock (epoch ms, comparable with the parent's).

export class BackTracker {
  readonly connectedAt: (number | null)[];
  readonly backAt: (number | null)[];
  #remaining: number;
  #onAllBack: (() => void) | undefined;

  constructor(
    count: number,
    private readonly now: () => number = Date.now,
  ) {
    this.connectedAt = Array.from({ length: count }, () => null);
    this.backAt = Array.from({ length: count }, () => null);
    this.#remaining = count;
  }

  get remaining(): number {
    return this.#remaining;
  }

  connected(index: number): void {
    if (this.connectedAt[index] === null) this.connectedAt[index] = this.now();
  }

  /** Back implies connected (the relay has nothing to sync: both are the same moment). */
  back(index: number): void {
    this.connected(index);
    if (this.backAt[index] !== null) return;
    this.backAt[index] = this.now();
    this.#remaining -= 1;
    if (this.#remaining === 0) this.#onAllBack?.();
  }

  /** Resolves once every client is back, or at `deadline` (epoch ms), whichever comes first. */
  allBack(deadline: number): Promise<void> {
    if (this.#remaining === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(finish, Math.max(0, deadline - this.now()));
      function finish() {
        clearTimeout(timer);
        resolve();
      }
      this.#onAllBack = finish;
    });
  }
}

/** Resolves once `done()` holds (checked at each `poke`), or rejects at `deadline`. */
export function waitUntil(
  subscribe: (check: () => void) => () => void,
  done: () => boolean,
  deadline: number,
  what: string,
): Promise<void> {
  if (done()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => {
        unsubscribe();
        reject(new Error(`${what}: not done before the deadline`));
      },
      Math.max(0, deadline - Date.now()),
    );
    const unsubscribe = subscribe(() => {
      if (!done()) return;
      clearTimeout(timer);
      unsubscribe();
      resolve();
    });
  });
}

/** Failed connection attempts by `code: message`. */
export interface AttemptErrors {
  whileDown: Record<string, number>;
  afterRestart: Record<string, number>;
}

/** Counts each failed attempt once (a snapshot whose attempt count grew), by its error. */
export class AttemptCounter {
  readonly errors: AttemptErrors = { whileDown: {}, afterRestart: {} };
  #up = false;

  restarted(): void {
    this.#up = true;
  }

  failed(key: string): void {
    const bucket = this.#up ? this.errors.afterRestart : this.errors.whileDown;
    bucket[key] = (bucket[key] ?? 0) + 1;
  }
}

/** What a worker's clients hold at the end. */
export interface StormTally {
  /** Messages expected, summed over the clients that expect them. */
  expected: number;
  /** Expected messages missing from the stores of clients that are connected again. */
  lost: number;
  doubled: number;
  unsent: number;
  notReconnected: number;
  reconnectedMissing: number;
  stragglers: string[];
}

/** The clients of a worker, whatever they talk to; one instance per worker process. */
export interface StormClients {
  setUp(deadline: number): Promise<void>;
  /** After the kill: waits (until `deadline`) for every client to see it, then queues. */
  goDown(deadline: number): Promise<{ stillConnected: number; queued: number }>;
  tracker: BackTracker;
  /** The restarted server listens: failed attempts from now on count as after the restart. */
  restarted(): void;
  /** Failed connection attempts since the kill, by error, before and after the restart. */
  attemptErrors(): AttemptErrors;
  /** Final counts over every client's store. */
  tally(): StormTally;
  close(): void;
}
