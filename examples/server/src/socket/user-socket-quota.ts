/** The sockets one user may hold open on one process unless MAX_SOCKETS_PER_USER says otherwise. */
export const DEFAULT_MAX_SOCKETS_PER_USER = 20;

/**
 * Counts each user's sockets on this process, so that one user cannot open hundreds of them (each
 * message would then be delivered to every one). The handshake takes a slot synchronously, before
 * anything it awaits, so parallel handshakes of one user cannot all find one free.
 *
 * The count is this node's only: scaled out, a user may hold the maximum on each node. The shared
 * presence store counts sockets across nodes, but only once connected and through an awaited
 * round trip, which would neither stop a burst of handshakes nor stay cheap.
 */
export class UserSocketQuota {
  readonly #max: number;
  readonly #counts = new Map<string, number>();

  constructor(max: number) {
    if (!Number.isInteger(max) || max < 1) {
      throw new RangeError(`maxSocketsPerUser: a positive integer, got ${String(max)}`);
    }
    this.#max = max;
  }

  /**
   * Takes one of `userId`'s slots: returns the function that gives it back (once, however often
   * it is called), or `undefined` when the user holds them all.
   */
  take(userId: string): (() => void) | undefined {
    const count = this.#counts.get(userId) ?? 0;
    if (count >= this.#max) return undefined;
    this.#counts.set(userId, count + 1);
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      const left = (this.#counts.get(userId) ?? 1) - 1;
      if (left > 0) this.#counts.set(userId, left);
      else this.#counts.delete(userId);
    };
  }

  /** The slots `userId` holds: sockets connected and handshakes under way. */
  count(userId: string): number {
    return this.#counts.get(userId) ?? 0;
  }

  /** How many users hold a slot (the map never keeps a user who holds none). */
  get users(): number {
    return this.#counts.size;
  }
}
