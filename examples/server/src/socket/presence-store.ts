import { randomUUID } from 'node:crypto';

/** When a user's last socket left, and when their offline grace ends. */
export interface OfflineWindow {
  /** Milliseconds since the epoch: the `lastSeen` announced if they do not come back. */
  lastSeen: number;
  /** Milliseconds since the epoch: `lastSeen` plus the grace. */
  deadline: number;
}

/** What {@link PresenceStore.join} found. */
export interface JoinResult {
  /** The user's sockets afterwards, on every node. */
  count: number;
  /** The user was within their offline grace: offline was never announced, so nothing is. */
  resumed: boolean;
}

/** What {@link PresenceStore.leave} did. */
export interface LeaveResult {
  /** The user's sockets afterwards, on every node. */
  count: number;
  /** Set when this was the user's last socket: the pending offline to settle after the grace. */
  pendingToken?: string;
}

/** An offline the store settled on its own (its node died, or its timer was lost). */
export interface SettledOffline {
  userId: string;
  lastSeen: number;
}

/**
 * Counts each user's connected sockets and their pending offline announcement. In memory for one
 * process; the Redis store makes "online while any socket is connected on any node" and "offline
 * announced once" hold across nodes.
 */
export interface PresenceStore {
  /** Records a socket and cancels the user's pending offline, if any. */
  join(userId: string, socketId: string): Promise<JoinResult>;
  /** Forgets a socket; when it was the user's last one, opens a pending offline. */
  leave(userId: string, socketId: string, offline: OfflineWindow): Promise<LeaveResult>;
  /**
   * Ends the pending offline `token` if it is still the user's and they still have no socket:
   * resolves to its `lastSeen` (announce offline now), or `null` (someone came back, or another
   * node settled it).
   */
  settle(userId: string, token: string): Promise<number | null>;
  /** The user's sockets, on every node. */
  count(userId: string): Promise<number>;
  /**
   * Shared stores only: settles the pending offlines whose deadline passed `now` without their
   * node settling them (it crashed or stopped), and forgets the sockets of dead nodes.
   */
  sweep?(now: number): Promise<SettledOffline[]>;
}

/** One process's sockets and pending offlines, in Maps. */
export class InMemoryPresenceStore implements PresenceStore {
  private readonly sockets = new Map<string, Set<string>>();
  private readonly pending = new Map<string, { token: string; lastSeen: number }>();

  async join(userId: string, socketId: string): Promise<JoinResult> {
    const count = await this.add(userId, socketId);
    const resumed = this.pending.delete(userId);
    return { count, resumed };
  }

  async leave(userId: string, socketId: string, offline: OfflineWindow): Promise<LeaveResult> {
    const had = this.sockets.get(userId)?.has(socketId) ?? false;
    const count = await this.remove(userId, socketId);
    if (count > 0 || !had) return { count };
    const token = randomUUID();
    this.pending.set(userId, { token, lastSeen: offline.lastSeen });
    return { count, pendingToken: token };
  }

  async settle(userId: string, token: string): Promise<number | null> {
    const pending = this.pending.get(userId);
    if (!pending || pending.token !== token) return null;
    this.pending.delete(userId);
    return (this.sockets.get(userId)?.size ?? 0) > 0 ? null : pending.lastSeen;
  }

  /** Records a socket (no pending-offline bookkeeping); resolves to the user's socket count. */
  async add(userId: string, socketId: string): Promise<number> {
    const set = this.sockets.get(userId) ?? new Set<string>();
    set.add(socketId);
    this.sockets.set(userId, set);
    return set.size;
  }

  /** Forgets a socket (no pending-offline bookkeeping); resolves to the user's socket count. */
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

  /** Users with at least one socket. */
  async users(): Promise<string[]> {
    return [...this.sockets.keys()];
  }
}
