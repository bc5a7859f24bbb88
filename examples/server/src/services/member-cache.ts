/**
 * Member lists of conversations, kept in memory so the send path does not ask the database who
 * may write and who must hear it, twice per message.
 *
 * Correct without invalidation across processes because a conversation's members are fixed when
 * it is created (PROTOCOL.md has no event that adds or removes one). A feature that changes them
 * must call `forget` here and tell the other nodes (the Redis adapter's `serverSideEmit`).
 * Only conversations that exist are kept: an unknown id is asked again next time, so a probe with
 * random ids cannot fill the cache, and a conversation created on another node is found.
 */
export class MemberCache {
  readonly #load: (conversationId: string) => Promise<string[]>;
  readonly #maxEntries: number;
  /** Insertion order is recency: a hit moves its entry to the end, the oldest is evicted first. */
  readonly #entries = new Map<string, readonly string[]>();
  /** One query per conversation however many sends ask at once while it is cold. */
  readonly #loading = new Map<string, Promise<readonly string[]>>();

  constructor(load: (conversationId: string) => Promise<string[]>, maxEntries = 100_000) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError(`maxEntries: a positive integer, got ${maxEntries}`);
    }
    this.#load = load;
    this.#maxEntries = maxEntries;
  }

  /** The members of `conversationId`, or an empty list when it does not exist. */
  async memberIds(conversationId: string): Promise<readonly string[]> {
    const cached = this.#entries.get(conversationId);
    if (cached) {
      this.#entries.delete(conversationId);
      this.#entries.set(conversationId, cached);
      return cached;
    }
    const pending = this.#loading.get(conversationId);
    if (pending) return pending;
    const loading = this.#load(conversationId)
      .then((ids) => {
        if (ids.length > 0) this.remember(conversationId, ids);
        return ids;
      })
      .finally(() => this.#loading.delete(conversationId));
    this.#loading.set(conversationId, loading);
    return loading;
  }

  async isMember(userId: string, conversationId: string): Promise<boolean> {
    return (await this.memberIds(conversationId)).includes(userId);
  }

  /** Records the members of a conversation just created or read whole. */
  remember(conversationId: string, memberIds: readonly string[]): void {
    this.#entries.delete(conversationId);
    this.#entries.set(conversationId, Object.freeze([...memberIds]));
    if (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }

  forget(conversationId: string): void {
    this.#entries.delete(conversationId);
  }

  get size(): number {
    return this.#entries.size;
  }
}
