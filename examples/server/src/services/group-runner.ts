export interface GroupRunnerOptions<I> {
  /** The most items one group carries. */
  maxGroup: number;
  /**
   * Items with the same key never share a group: the later one waits for the next group, keeping
   * its place in line. Without a key, any items may share one.
   */
  key?: (item: I) => string;
  /**
   * Under load, how long the next group waits for more items before it is taken (unless
   * `maxGroup` are already waiting). Under load means {@link HOT_ARRIVALS} items arrived within
   * {@link HOT_WINDOW_MS}, one of them while another waited or a group ran; otherwise an item
   * runs on the next turn, as without a linger, so a quiet server answers at once, a single caller
   * asking again and again is never made to wait, and events keep the order they had. 0 (the
   * default) never waits.
   */
  lingerMs?: number;
  /**
   * Groups run at once (1 by default). Above 1, an item whose `key` or `locks` a running group
   * holds waits for it, as do the later items of its key; PostgreSQL then works on several
   * statements and commits at once, none of them on the same rows as another.
   */
  concurrency?: number;
  /** What an item holds, besides its `key`, while its group runs (see `concurrency`). */
  locks?: (item: I) => readonly string[];
}

/** A runner lingers once this many items arrived within {@link HOT_WINDOW_MS} (80 a second). */
export const HOT_ARRIVALS = 8;
/** The window {@link HOT_ARRIVALS} are counted in; longer than any linger. */
export const HOT_WINDOW_MS = 100;

/**
 * The linger of the runners every connect goes through (user upsert, presence, contacts, sync).
 * A reconnect storm brings handshakes one by one, a few milliseconds apart: without a linger each
 * group is a single item and PGlite pays its per-statement cost for each (measured: 5,000
 * clients back after a restart cost 21,200 statements; with 20 ms, 5,400, and p95 back went
 * from 25.7 s to 15.7 s). A handshake under load waits at most this much more per runner.
 */
export const CONNECT_LINGER_MS = 20;

/** Runs one group; answers each item, in the group's order, with its result or its own error. */
export type RunGroup<I, O> = (items: readonly I[]) => Promise<PromiseSettledResult<O>[]>;

/**
 * A group run as one statement (`runAll`, one result per item); when that fails, each item again
 * alone, one after another, so that a bad item gets its own error and the others their result.
 */
export function oneThenEach<I, O>(runAll: (items: readonly I[]) => Promise<O[]>): RunGroup<I, O> {
  return async (items) => {
    try {
      return (await runAll(items)).map((value) => ({ status: 'fulfilled', value }));
    } catch (error) {
      if (items.length === 1) return [{ status: 'rejected', reason: error }];
      const results: PromiseSettledResult<O>[] = [];
      for (const item of items) {
        try {
          const [value] = await runAll([item]);
          results.push({ status: 'fulfilled', value: value as O });
        } catch (reason) {
          results.push({ status: 'rejected', reason });
        }
      }
      return results;
    }
  };
}

interface Waiting<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (reason: unknown) => void;
}

/**
 * Runs work in groups, one group at a time (or `concurrency`): an item arriving while a group
 * runs waits for it and joins the next one. Under light load a group is a single item, run on the
 * next turn of the event loop; under heavy load the groups grow by themselves, and one database
 * round trip and one commit serve many requests (group commit). Groups running at once never share
 * a key or a lock, so two groups of this process never lock the same rows in different orders.
 *
 * Each group is taken after a turn of the event loop (`setImmediate`), not straight from the
 * previous group's answer: PGlite runs a statement on this thread, so the requests that came in
 * meanwhile are still unread socket data when its promise resolves. Taken at once, every group
 * would be one item.
 */
export class GroupRunner<I, O> {
  readonly #runGroup: RunGroup<I, O>;
  readonly #maxGroup: number;
  readonly #key: ((item: I) => string) | undefined;
  readonly #lingerMs: number;
  readonly #concurrency: number;
  readonly #locks: ((item: I) => readonly string[]) | undefined;
  #line: Array<Waiting<I, O>> = [];
  /** Loops taking and running groups (at most `concurrency`). */
  #lanes = 0;
  /** Keys and locks of the running groups, with how many hold each. */
  readonly #held = new Map<string, number>();
  /** Lanes waiting for a running group to end: every item in line was held. */
  #onRelease: Array<() => void> = [];
  /** When the last {@link HOT_ARRIVALS} items arrived (performance.now()), oldest first. */
  readonly #arrivals: number[] = [];
  /**
   * When an item last arrived while another waited or a group ran. Without one in the window the
   * arrivals are one caller asking again each time it is answered: lingering would only slow it.
   */
  #busyArrivalAt = Number.NEGATIVE_INFINITY;
  /** Ends a linger early: `maxGroup` items are waiting. */
  #fullNow: (() => void) | undefined;

  constructor(runGroup: RunGroup<I, O>, options: GroupRunnerOptions<I>) {
    if (!Number.isInteger(options.maxGroup) || options.maxGroup < 1) {
      throw new RangeError(`maxGroup: a positive integer, got ${String(options.maxGroup)}`);
    }
    this.#runGroup = runGroup;
    this.#maxGroup = options.maxGroup;
    this.#key = options.key;
    const lingerMs = options.lingerMs ?? 0;
    if (!Number.isFinite(lingerMs) || lingerMs < 0 || lingerMs >= HOT_WINDOW_MS) {
      throw new RangeError(`lingerMs: from 0 to under ${HOT_WINDOW_MS}, got ${String(lingerMs)}`);
    }
    this.#lingerMs = lingerMs;
    const concurrency = options.concurrency ?? 1;
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new RangeError(`concurrency: a positive integer, got ${String(concurrency)}`);
    }
    this.#concurrency = concurrency;
    this.#locks = options.locks;
  }

  /** Resolves with `item`'s result once its group has run, or rejects with its error. */
  run(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      if (this.#lingerMs > 0) this.#noteArrival();
      this.#line.push({ item, resolve, reject });
      if (this.#lanes < this.#concurrency) void this.#lane();
      else if (this.#line.length >= this.#maxGroup) this.#fullNow?.();
    });
  }

  /** Counts an arrival (before it joins the line) for the linger's idea of load. */
  #noteArrival(): void {
    const now = performance.now();
    if (this.#arrivals.length === HOT_ARRIVALS) this.#arrivals.shift();
    this.#arrivals.push(now);
    if (this.#lanes > 0 || this.#line.length > 0) this.#busyArrivalAt = now;
  }

  /** Items waiting for a group (not counting the one running). */
  get waiting(): number {
    return this.#line.length;
  }

  async #lane(): Promise<void> {
    this.#lanes += 1;
    try {
      for (;;) {
        await this.#nextTurn();
        if (this.#line.length === 0) break;
        const group = this.#takeGroup();
        if (group.length === 0) {
          // Everything waiting is held by running groups: go on once one of them ends.
          await new Promise<void>((resolve) => this.#onRelease.push(resolve));
          continue;
        }
        const held = this.#hold(group);
        let results: PromiseSettledResult<O>[];
        try {
          results = await this.#runGroup(group.map((w) => w.item));
          if (results.length !== group.length) {
            throw new Error(`a group of ${group.length} got ${results.length} results`);
          }
        } catch (error) {
          results = group.map(() => ({ status: 'rejected', reason: error }));
        }
        this.#release(held);
        results.forEach((result, i) => {
          const waiting = group[i] as Waiting<I, O>;
          if (result.status === 'fulfilled') waiting.resolve(result.value);
          else waiting.reject(result.reason);
        });
      }
    } finally {
      this.#lanes -= 1;
    }
  }

  /** What `item` holds while its group runs: its key and its locks. */
  #holdsOf(item: I): string[] {
    const key = this.#key?.(item);
    const locks = this.#locks?.(item) ?? [];
    return key === undefined ? [...locks] : [key, ...locks];
  }

  #hold(group: ReadonlyArray<Waiting<I, O>>): string[] {
    if (this.#concurrency === 1) return [];
    const held = group.flatMap((waiting) => this.#holdsOf(waiting.item));
    for (const name of held) this.#held.set(name, (this.#held.get(name) ?? 0) + 1);
    return held;
  }

  #release(held: readonly string[]): void {
    for (const name of held) {
      const count = (this.#held.get(name) ?? 1) - 1;
      if (count === 0) this.#held.delete(name);
      else this.#held.set(name, count);
    }
    const waiting = this.#onRelease;
    this.#onRelease = [];
    for (const resume of waiting) resume();
  }

  /** The next turn of the event loop, or under load the linger (cut short by a full group). */
  async #nextTurn(): Promise<void> {
    const oldest = this.#arrivals.length === HOT_ARRIVALS ? (this.#arrivals[0] ?? 0) : undefined;
    const now = performance.now();
    const hot =
      oldest !== undefined &&
      now - oldest < HOT_WINDOW_MS &&
      now - this.#busyArrivalAt < HOT_WINDOW_MS;
    if (this.#lingerMs === 0 || !hot || this.#line.length >= this.#maxGroup) {
      await new Promise((resolve) => setImmediate(resolve));
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.#fullNow = undefined;
        resolve();
      }, this.#lingerMs);
      this.#fullNow = () => {
        clearTimeout(timer);
        this.#fullNow = undefined;
        resolve();
      };
    });
  }

  /**
   * The first items in line, at most `maxGroup`, skipping those whose key is already taken (by
   * this group or an earlier item left in line) and those a running group holds.
   */
  #takeGroup(): Array<Waiting<I, O>> {
    const keyOf = this.#key;
    if (!keyOf && this.#held.size === 0) return this.#line.splice(0, this.#maxGroup);
    const group: Array<Waiting<I, O>> = [];
    const rest: Array<Waiting<I, O>> = [];
    const taken = new Set<string>();
    for (const waiting of this.#line) {
      const key = keyOf?.(waiting.item);
      const free =
        group.length < this.#maxGroup &&
        (key === undefined || !taken.has(key)) &&
        (this.#held.size === 0 ||
          this.#holdsOf(waiting.item).every((name) => !this.#held.has(name)));
      if (free) group.push(waiting);
      else rest.push(waiting);
      // Taken or left in line, its key is spoken for: a later item of it keeps its place behind.
      if (key !== undefined) taken.add(key);
    }
    this.#line = rest;
    return group;
  }
}
