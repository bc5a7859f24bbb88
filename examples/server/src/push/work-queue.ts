// Background work with bounds: at most `concurrency` tasks at once and `maxQueued` waiting. Past
// that the oldest waiting task is dropped (a push about an old message matters least), and the
// drops are counted in a warning, at most one every WARN_EVERY_MS so a flood does not flood logs.
import type { Logger } from 'pino';
import { summarizeError } from '../logger';

/** A unit of work; a rejection is logged, never thrown at the caller. */
export type Task = () => Promise<void>;

export interface WorkQueueOptions {
  concurrency: number;
  maxQueued: number;
  logger: Logger;
  /** Clock for the warnings' rate limit, for tests. */
  now?: () => number;
  /** Called for each task dropped because the queue was full (the metrics count them). */
  onDrop?: () => void;
}

/** Least time between two "dropped" warnings. */
export const WARN_EVERY_MS = 10_000;

/** A bounded queue of background tasks. Tasks start on a later turn of the event loop, never inside `push`. */
export class WorkQueue {
  readonly #options: WorkQueueOptions;
  readonly #now: () => number;
  readonly #waiting: Task[] = [];
  readonly #running = new Set<Promise<void>>();
  readonly #timers = new Set<NodeJS.Timeout>();
  #idleWaiters: Array<() => void> = [];
  #pumpScheduled = false;
  #closed = false;
  #dropped = 0;
  #unreported = 0;
  #lastWarnAt = Number.NEGATIVE_INFINITY;

  constructor(options: WorkQueueOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** Tasks dropped because the queue was full, since it was made. */
  get dropped(): number {
    return this.#dropped;
  }

  /** Queues `task`, or holds it `delayMs` first (a retry); ignored once closed. */
  push(task: Task, delayMs = 0): void {
    if (this.#closed) return;
    if (delayMs <= 0) {
      this.#enqueue(task);
      return;
    }
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.#enqueue(task);
    }, delayMs);
    timer.unref();
    this.#timers.add(timer);
  }

  /** Resolves once nothing waits, runs or is held for later. */
  idle(): Promise<void> {
    if (this.#isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Drops what waits or is held, and resolves once the running tasks have finished. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#waiting.length = 0;
    await Promise.allSettled([...this.#running]);
    this.#warnDropped(true);
    this.#checkIdle();
  }

  #enqueue(task: Task): void {
    if (this.#waiting.length >= this.#options.maxQueued) {
      this.#waiting.shift();
      this.#dropped += 1;
      this.#unreported += 1;
      this.#options.onDrop?.();
      this.#warnDropped(false);
    }
    this.#waiting.push(task);
    if (this.#pumpScheduled) return;
    this.#pumpScheduled = true;
    // A later turn: the work never runs inside its caller (the send path and its ack).
    setImmediate(() => {
      this.#pumpScheduled = false;
      this.#pump();
    });
  }

  #pump(): void {
    while (!this.#closed && this.#running.size < this.#options.concurrency) {
      const task = this.#waiting.shift();
      if (!task) break;
      const run: Promise<void> = task()
        .catch((error: unknown) =>
          this.#options.logger.error({ err: summarizeError(error) }, 'push task failed'),
        )
        .finally(() => {
          this.#running.delete(run);
          this.#pump();
        });
      this.#running.add(run);
    }
    this.#checkIdle();
  }

  #warnDropped(force: boolean): void {
    if (this.#unreported === 0) return;
    const now = this.#now();
    if (!force && now - this.#lastWarnAt < WARN_EVERY_MS) return;
    this.#options.logger.warn(
      { dropped: this.#unreported, droppedTotal: this.#dropped },
      'push queue full: the oldest pushes were dropped',
    );
    this.#unreported = 0;
    this.#lastWarnAt = now;
  }

  #isIdle(): boolean {
    return (
      this.#waiting.length === 0 &&
      this.#running.size === 0 &&
      this.#timers.size === 0 &&
      !this.#pumpScheduled
    );
  }

  #checkIdle(): void {
    if (!this.#isIdle()) return;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
