import type { Logger } from './types';

/**
 * A set of listeners called in subscription order, each isolated from the others: a listener that
 * throws is logged and the rest still run. Listeners added or removed during a call take effect
 * from the next one.
 */
export class Listeners<T> {
  readonly #set = new Set<(value: T) => void>();

  readonly #logger: Pick<Logger, 'error'>;
  readonly #name: string;

  constructor(logger: Pick<Logger, 'error'>, name: string) {
    this.#logger = logger;
    this.#name = name;
  }

  /** Adds `listener`; returns its idempotent unsubscribe. */
  add(listener: (value: T) => void): () => void {
    if (typeof listener !== 'function') {
      throw new TypeError(`${this.#name}: listener must be a function`);
    }
    // A wrapper makes each subscription distinct, so the same function can be added twice.
    const entry = (value: T) => listener(value);
    this.#set.add(entry);
    return () => {
      this.#set.delete(entry);
    };
  }

  /** Calls every listener with `value`; `proceed` can stop the round between two listeners. */
  emit(value: T, proceed: () => boolean = () => true): void {
    for (const listener of [...this.#set]) {
      if (!proceed()) return;
      try {
        listener(value);
      } catch (error) {
        this.#logger.error(`causette: a ${this.#name} listener threw`, error);
      }
    }
  }

  /** Removes every listener. */
  clear(): void {
    this.#set.clear();
  }
}
