import { ChatError } from '../errors';

/** Options of {@link PresenceWatchList}. */
export interface PresenceWatchListOptions {
  /** Ids that went from unwatched to watched (ask the server for their presence). */
  onAdded: (userIds: string[]) => void;
  /** Ids nobody watches any more (drop their presence). */
  onRemoved: (userIds: string[]) => void;
}

/**
 * A reference-counted set of the user ids whose presence the app shows: each `watch` call holds
 * its ids until the function it returned is called, and an id is watched while any call holds it.
 */
export class PresenceWatchList {
  readonly #onAdded: PresenceWatchListOptions['onAdded'];
  readonly #onRemoved: PresenceWatchListOptions['onRemoved'];
  readonly #counts = new Map<string, number>();

  constructor(options: PresenceWatchListOptions) {
    if (typeof options?.onAdded !== 'function' || typeof options.onRemoved !== 'function') {
      throw new ChatError('INVALID', 'PresenceWatchList needs onAdded and onRemoved functions');
    }
    this.#onAdded = options.onAdded;
    this.#onRemoved = options.onRemoved;
  }

  /**
   * Holds `userIds` (an id repeated in one call counts once) and reports those newly watched
   * through `onAdded`. Returns the release function; calling it again does nothing.
   */
  watch(userIds: readonly string[]): () => void {
    if (!Array.isArray(userIds) || userIds.some((id) => typeof id !== 'string' || id === '')) {
      throw new ChatError('INVALID', 'watch() takes an array of non-empty user ids');
    }
    const held = [...new Set(userIds)];
    const added: string[] = [];
    for (const id of held) {
      const count = this.#counts.get(id) ?? 0;
      if (count === 0) added.push(id);
      this.#counts.set(id, count + 1);
    }
    if (added.length > 0) this.#onAdded(added);

    let released = false;
    return () => {
      if (released) return;
      released = true;
      const removed: string[] = [];
      for (const id of held) {
        const count = (this.#counts.get(id) ?? 0) - 1;
        if (count > 0) {
          this.#counts.set(id, count);
        } else {
          this.#counts.delete(id);
          removed.push(id);
        }
      }
      if (removed.length > 0) this.#onRemoved(removed);
    };
  }

  /** Every id watched now, in the order they were first watched. */
  watched(): string[] {
    return [...this.#counts.keys()];
  }

  /** Whether `userId` is watched now. */
  has(userId: string): boolean {
    return this.#counts.has(userId);
  }
}
