import { EventEmitter } from 'eventemitter3';
import type { Logger } from '../connection/types';

type EventMap<Events> = { [E in keyof Events]: (...args: never[]) => void };

/**
 * Typed events with several arguments on eventemitter3, each listener isolated: one that throws
 * is reported and the others, and the SDK code that emitted, go on (an app's bug in a `message`
 * listener must not stop a sync).
 */
export class EventHub<Events extends EventMap<Events>> {
  readonly #emitter = new EventEmitter();
  readonly #logger: Pick<Logger, 'error'>;

  constructor(logger: Pick<Logger, 'error'> = console) {
    this.#logger = logger;
  }

  /** Adds `listener` for `event`; returns its idempotent unsubscribe. */
  on<E extends keyof Events>(event: E, listener: Events[E]): () => void {
    const name = event as string;
    // A wrapper per subscription also makes each one distinct: the same function added twice
    // is removed one subscription at a time.
    const isolated = (...args: Parameters<Events[E]>) => {
      try {
        listener(...args);
      } catch (error) {
        this.#logger.error(`causette: a '${name}' listener threw`, error);
      }
    };
    this.#emitter.on(name, isolated);
    return () => {
      this.#emitter.off(name, isolated);
    };
  }

  emit<E extends keyof Events>(event: E, ...args: Parameters<Events[E]>): void {
    this.#emitter.emit(event as string, ...args);
  }

  /** Removes every listener. */
  clear(): void {
    this.#emitter.removeAllListeners();
  }
}
