// Online/offline tracking with the offline grace, user:status announcements and presence:get.
import type { PresenceStatus } from '@causette/protocol';
import { ServiceError } from '../../services/errors';
import { roomsOf } from '../broadcast';
import type { ChatServer, ResolvedDeps } from '../types';
import { type HandlerContext, onRequest } from './context';

/**
 * Announces a user online when their first socket connects and offline once their last socket
 * has been gone for the grace period (a reload is not a disconnect). `lastSeen` is when the last
 * socket left.
 */
export class PresenceTracker {
  private readonly pendingOffline = new Map<string, { timer: NodeJS.Timeout; lastSeen: Date }>();

  constructor(
    private readonly io: ChatServer,
    private readonly deps: ResolvedDeps,
  ) {}

  async connected(userId: string, socketId: string): Promise<void> {
    const count = await this.deps.presenceStore.add(userId, socketId);
    const pending = this.pendingOffline.get(userId);
    if (pending) {
      // Back within the grace: offline was never announced, so there is nothing to say.
      clearTimeout(pending.timer);
      this.pendingOffline.delete(userId);
      return;
    }
    if (count === 1) {
      await this.deps.store.presence.setOnline(userId, socketId);
      await this.announce(userId, 'online', new Date(this.deps.now()));
    }
  }

  async disconnected(userId: string, socketId: string): Promise<void> {
    const count = await this.deps.presenceStore.remove(userId, socketId);
    if (count > 0 || this.pendingOffline.has(userId)) return;
    const lastSeen = new Date(this.deps.now());
    const timer = setTimeout(() => {
      this.pendingOffline.delete(userId);
      this.goOffline(userId, lastSeen).catch((error: unknown) =>
        this.deps.logger.error({ err: error, userId }, 'presence offline failed'),
      );
    }, this.deps.presenceGraceMs);
    this.pendingOffline.set(userId, { timer, lastSeen });
  }

  /** On shutdown: users waiting out their grace are stored offline now (nobody is left to tell). */
  async close(): Promise<void> {
    const pending = [...this.pendingOffline];
    this.pendingOffline.clear();
    await Promise.allSettled(
      pending.map(([userId, { timer, lastSeen }]) => {
        clearTimeout(timer);
        return this.deps.store.presence.setOffline(userId, lastSeen);
      }),
    );
  }

  private async goOffline(userId: string, lastSeen: Date): Promise<void> {
    // Another node (shared presence store) may hold a socket of theirs by now.
    if ((await this.deps.presenceStore.count(userId)) > 0) return;
    await this.deps.store.presence.setOffline(userId, lastSeen);
    await this.announce(userId, 'offline', lastSeen);
  }

  private async announce(userId: string, status: PresenceStatus, lastSeen: Date): Promise<void> {
    const contacts = await this.deps.store.conversations.contacts(userId);
    if (contacts.length === 0) return;
    this.io
      .to(roomsOf(contacts))
      .emit('user:status', { userId, status, lastSeen: lastSeen.toISOString() });
  }
}

export function registerPresenceHandlers(ctx: HandlerContext): void {
  const { userId, deps } = ctx;

  onRequest(ctx, 'presence:get', async (input) => {
    const ids = [...new Set(input.userIds)];
    const visible = await deps.store.conversations.sharing(userId, ids);
    // One stranger in the list refuses the whole request: their status is not disclosed.
    if (ids.some((id) => !visible.has(id))) {
      throw new ServiceError(
        'FORBIDDEN',
        'userIds: you share no conversation with some of these users',
      );
    }
    return { presences: await deps.store.presence.get(ids) };
  });
}
