export interface GroupRunnerOptions<I> {
  /** The most items one group carries. */
  maxGroup: number;
  /**
   * Items with the same key never share a group: the later one waits for the next group, keeping
   * its place in line. Without a key, any items may share one.
   */
  key?: (item: I) => string;
}

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
 * Runs work in groups, one group at a time: an item arriving while a group runs waits for it and
 * joins the next one. Under light load a group is a single item, run on the next turn of the
 * event loop; under heavy load the groups grow by themselves, and one database round trip and one
 * commit serve many requests (group commit). One group at a time also means two groups of this
 * process never lock the same rows in different orders.
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
  #line: Array<Waiting<I, O>> = [];
  #running = false;

  constructor(runGroup: RunGroup<I, O>, options: GroupRunnerOptions<I>) {
    if (!Number.isInteger(options.maxGroup) || options.maxGroup < 1) {
      throw new RangeError(`maxGroup: a positive integer, got ${String(options.maxGroup)}`);
    }
    this.#runGroup = runGroup;
    this.#maxGroup = options.maxGroup;
    this.#key = options.key;
  }

  /** Resolves with `item`'s result once its group has run, or rejects with its error. */
  run(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.#line.push({ item, resolve, reject });
      if (!this.#running) void this.#drain();
    });
  }

  /** Items waiting for a group (not counting the one running). */
  get waiting(): number {
    return this.#line.length;
  }

  async #drain(): Promise<void> {
    this.#running = true;
    try {
      for (;;) {
        await new Promise((resolve) => setImmediate(resolve));
        if (this.#line.length === 0) break;
        const group = this.#takeGroup();
        let results: PromiseSettledResult<O>[];
        try {
          results = await this.#runGroup(group.map((w) => w.item));
          if (results.length !== group.length) {
            throw new Error(`a group of ${group.length} got ${results.length} results`);
          }
        } catch (error) {
          results = group.map(() => ({ status: 'rejected', reason: error }));
        }
        results.forEach((result, i) => {
          const waiting = group[i] as Waiting<I, O>;
          if (result.status === 'fulfilled') waiting.resolve(result.value);
          else waiting.reject(result.reason);
        });
      }
    } finally {
      this.#running = false;
    }
  }

  /** The first items in line, at most `maxGroup`, skipping those whose key is already taken. */
  #takeGroup(): Array<Waiting<I, O>> {
    const keyOf = this.#key;
    if (!keyOf) return this.#line.splice(0, this.#maxGroup);
    const group: Array<Waiting<I, O>> = [];
    const rest: Array<Waiting<I, O>> = [];
    const taken = new Set<string>();
    for (const waiting of this.#line) {
      const key = keyOf(waiting.item);
      if (group.length < this.#maxGroup && !taken.has(key)) {
        taken.add(key);
        group.push(waiting);
      } else {
        rest.push(waiting);
      }
    }
    this.#line = rest;
    return group;
  }
}
