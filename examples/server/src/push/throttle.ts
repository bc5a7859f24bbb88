// At most one push per user and conversation per window: a lively conversation does not buzz a
// phone for every message. What follows within the window is not pushed; the notification already
// shown leads to the conversation, where the app shows everything (and a push of the next message
// after the window replaces it, the service worker's tag being per conversation).

/** Past this many remembered keys, expired ones are forgotten on the next `take`. */
const PRUNE_AT = 10_000;

/** Per-key windows of `windowMs`; `0` lets everything through. */
export class PushThrottle {
  readonly #until = new Map<string, number>();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether a push for `userId` about `conversationId` may go now; if so, its window starts. */
  take(userId: string, conversationId: string): boolean {
    if (this.windowMs <= 0) return true;
    const now = this.now();
    const key = JSON.stringify([userId, conversationId]);
    if ((this.#until.get(key) ?? Number.NEGATIVE_INFINITY) > now) return false;
    if (this.#until.size >= PRUNE_AT) this.#prune(now);
    this.#until.set(key, now + this.windowMs);
    return true;
  }

  /** Keys remembered (tests). */
  get size(): number {
    return this.#until.size;
  }

  #prune(now: number): void {
    for (const [key, until] of this.#until) if (until <= now) this.#until.delete(key);
  }
}
