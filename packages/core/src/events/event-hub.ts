import type { Logger } from '../connection/types';

type EventMap<Events> = { [E in keyof Events]: (...args: never[]) => void };

/**
 * Typed events, each listener isolated: one that throws is reported and the others, and the SDK
 * code that emitted, go on (an app's bug in a `message` listener must not stop a sync).
 */
export class EventHub<Events extends EventMap<Events>> {
  readonly #listeners = new Map<keyof Events, Set<Events[keyof Events]>>();
  readonly #logger: Pick<Logger, 'error'>;

  constructor(logger: Pick<Logger, 'error'> = console) {
    this.#logger = logger;
  }

  /** Adds `listener` for `event`; returns its idempotent unsubscribe. */
  on<E extends keyof Events>(event: E, listener: Events[E]): () => void {
    // A wrapper makes each subscription distinct, so the same function can be added twice.
    const entry = ((...args: never[]) => listener(...args)) as Events[E];
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(entry);
    return () => {
      set.delete(entry);
    };
  }

  emit<E extends keyof Events>(event: E, ...args: Parameters<Events[E]>): void {
    const set = this.#listeners.get(event);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        (listener as (...values: Parameters<Events[E]>) => void)(...args);
      } catch (error) {
        this.#logger.error(`causette: a '${String(event)}' listener threw`, error);
      }
    }
  }

  /** Removes every listener. */
  clear(): void {
    this.#listeners.clear();
  }
}
