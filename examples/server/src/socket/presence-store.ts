/**
 * Counts each user's connected sockets. In memory for one process; a Redis-backed store makes
 * "online while any socket is connected on any node" hold across nodes.
 */
export interface PresenceStore {
  /** Records a socket; resolves to the user's socket count afterwards. */
  add(userId: string, socketId: string): Promise<number>;
  /** Forgets a socket; resolves to the user's socket count afterwards. */
  remove(userId: string, socketId: string): Promise<number>;
  count(userId: string): Promise<number>;
  /** Users with at least one socket. */
  users(): Promise<string[]>;
}

export class InMemoryPresenceStore implements PresenceStore {
  private readonly sockets = new Map<string, Set<string>>();

  async add(userId: string, socketId: string): Promise<number> {
    const set = this.sockets.get(userId) ?? new Set<string>();
    set.add(socketId);
    this.sockets.set(userId, set);
    return set.size;
  }

  async remove(userId: string, socketId: string): Promise<number> {
    const set = this.sockets.get(userId);
    if (!set) return 0;
    set.delete(socketId);
    if (set.size === 0) this.sockets.delete(userId);
    return set.size;
  }

  async count(userId: string): Promise<number> {
    return this.sockets.get(userId)?.size ?? 0;
  }

  async users(): Promise<string[]> {
    return [...this.sockets.keys()];
  }
}
