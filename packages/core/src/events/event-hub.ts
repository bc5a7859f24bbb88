import { Listeners } from '../connection/listeners';
import type { Logger } from '../connection/types';

type EventMap<Events> = { [E in keyof Events]: (...args: never[]) => void };

/**
 * Typed events with several arguments, on {@link Listeners}: each listener is isolated, so one
 * that throws is reported and the others, and the SDK code that emitted, go on (an app's bug in
 * a `message` listener must not stop a sync).
 */
export class EventHub<Events extends EventMap<Events>> {
  readonly #listeners = new Map<keyof Events, Listeners<never[]>>();
  readonly #logger: Pick<Logger, 'error'>;

  constructor(logger: Pick<Logger, 'error'> = console) {
    this.#logger = logger;
  }

  /** Adds `listener` for `event`; returns its idempotent unsubscribe. */
  on<E extends keyof Events>(event: E, listener: Events[E]): () => void {
    let listeners = this.#listeners.get(event);
    if (!listeners) {
      listeners = new Listeners(this.#logger, `'${String(event)}'`);
      this.#listeners.set(event, listeners);
    }
    return listeners.add((args) => listener(...args));
  }

  emit<E extends keyof Events>(event: E, ...args: Parameters<Events[E]>): void {
    // A listener of E is only ever called with E's arguments.
    this.#listeners.get(event)?.emit(args as never[]);
  }

  /** Removes every listener. */
  clear(): void {
    this.#listeners.clear();
  }
}
