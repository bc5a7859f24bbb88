import type { Presence, PresenceStatus } from '@causette/protocol';
import type { ChatStore } from './state/store';

/** What the tracker needs from the server around it. */
export interface PresenceDeps {
  store: () => ChatStore;
  /** Connected sockets of the user right now. */
  socketCount(userId: string): number;
  /** Tells the user's contacts (`user:status`). */
  announce(userId: string, status: PresenceStatus, lastSeen: string): void;
  graceMs: number;
}

/**
 * Online from a user's first socket; offline once their last socket has been gone for the grace
 * (a reload is not a disconnect), with `lastSeen` = when it left. Same rules as the reference.
 */
export class PresenceTracker {
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly deps: PresenceDeps) {}

  /** A socket of `userId` completed its handshake (already counted). */
  connected(userId: string): void {
    const pending = this.pending.get(userId);
    if (pending !== undefined) {
      // Back within the grace: offline was never announced, so there is nothing to say.
      clearTimeout(pending);
      this.pending.delete(userId);
      return;
    }
    if (this.deps.socketCount(userId) !== 1) return;
    const store = this.deps.store();
    const now = store.now();
    store.presence.set(userId, { online: true, lastSeen: now });
    this.deps.announce(userId, 'online', store.iso(now));
  }

  /** A socket of `userId` is gone (no longer counted). */
  disconnected(userId: string): void {
    if (this.deps.socketCount(userId) > 0 || this.pending.has(userId)) return;
    const lastSeen = this.deps.store().now();
    const timer = setTimeout(() => {
      this.pending.delete(userId);
      if (this.deps.socketCount(userId) > 0) return;
      const store = this.deps.store();
      store.presence.set(userId, { online: false, lastSeen });
      this.deps.announce(userId, 'offline', store.iso(lastSeen));
    }, this.deps.graceMs);
    (timer as { unref?: () => void }).unref?.();
    this.pending.set(userId, timer);
  }

  /** Stored presence of known users; users never seen are offline since they were created. */
  get(userIds: readonly string[]): Presence[] {
    const store = this.deps.store();
    const now = store.iso();
    return userIds.flatMap((userId): Presence[] => {
      const user = store.users.get(userId);
      if (!user) return [];
      const record = store.presence.get(userId);
      if (record?.online) return [{ userId, status: 'online', lastSeen: now }];
      return [
        { userId, status: 'offline', lastSeen: store.iso(record?.lastSeen ?? user.createdAt) },
      ];
    });
  }

  /** Forgets pending offline announcements (reset, close). */
  clear(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }
}
