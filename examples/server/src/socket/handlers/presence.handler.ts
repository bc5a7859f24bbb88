// Online/offline tracking with the offline grace, user:status announcements and presence:get.
import type { PresenceStatus } from '@causette/protocol';
import { summarizeError } from '../../logger';
import { ServiceError } from '../../services/errors';
import { roomsOf } from '../broadcast';
import type { ChatServer, ResolvedDeps } from '../types';
import type { EventHandlers } from './context';

/**
 * Announces a user online when their first socket connects (on any node) and offline once their
 * last socket has been gone for the grace period (a reload is not a disconnect). `lastSeen` is
 * when the last socket left. The pending offline lives in the presence store, so with a shared
 * store it is announced once across nodes: the node that saw the last socket leave settles it
 * when its timer fires, unless a socket came back on any node; if that node dies first, the
 * store's sweep on another node settles it.
 */
export class PresenceTracker {
  /** Offline timers of this node, by user: the store's pending token and its timer. */
  private readonly timers = new Map<string, { token: string; timer: NodeJS.Timeout }>();
  private readonly sweeper: NodeJS.Timeout | undefined;

  constructor(
    private readonly io: ChatServer,
    private readonly deps: ResolvedDeps,
  ) {
    if (deps.presenceStore.sweep) {
      this.sweeper = setInterval(
        () => {
          this.sweep().catch((error: unknown) =>
            deps.logger.error({ err: summarizeError(error) }, 'presence sweep failed'),
          );
        },
        Math.max(1000, deps.presenceGraceMs),
      );
      this.sweeper.unref();
    }
  }

  async connected(userId: string, socketId: string): Promise<void> {
    const { count, resumed } = await this.deps.presenceStore.join(userId, socketId);
    this.clearTimer(userId);
    // Back within the grace: offline was never announced, so there is nothing to say.
    if (resumed || count !== 1) return;
    await this.deps.store.presence.setOnline(userId, socketId);
    await this.announce(userId, 'online', new Date(this.deps.now()));
  }

  async disconnected(userId: string, socketId: string): Promise<void> {
    const lastSeen = this.deps.now();
    const { pendingToken: token } = await this.deps.presenceStore.leave(userId, socketId, {
      lastSeen,
      deadline: lastSeen + this.deps.presenceGraceMs,
    });
    if (token === undefined) return;
    this.clearTimer(userId);
    const timer = setTimeout(() => {
      this.timers.delete(userId);
      this.settle(userId, token).catch((error: unknown) =>
        this.deps.logger.error({ err: summarizeError(error), userId }, 'presence offline failed'),
      );
    }, this.deps.presenceGraceMs);
    this.timers.set(userId, { token, timer });
  }

  /**
   * On shutdown. With a store of this process only, users waiting out their grace are stored
   * offline now (nobody is left to tell). With a shared store they stay pending: they may come
   * back on another node within the grace, and otherwise a sweep settles and announces them.
   */
  async close(): Promise<void> {
    clearInterval(this.sweeper);
    const pending = [...this.timers];
    this.timers.clear();
    for (const [, { timer }] of pending) clearTimeout(timer);
    if (this.deps.presenceStore.sweep) return;
    await Promise.allSettled(
      pending.map(async ([userId, { token }]) => {
        const lastSeen = await this.deps.presenceStore.settle(userId, token);
        if (lastSeen !== null)
          await this.deps.store.presence.setOffline(userId, new Date(lastSeen));
      }),
    );
  }

  private clearTimer(userId: string): void {
    const pending = this.timers.get(userId);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.timers.delete(userId);
  }

  private async settle(userId: string, token: string): Promise<void> {
    const lastSeen = await this.deps.presenceStore.settle(userId, token);
    if (lastSeen !== null) await this.goOffline(userId, new Date(lastSeen));
  }

  /** Offlines the store settled itself: their node died or shut down before its timer fired. */
  private async sweep(): Promise<void> {
    const settled = (await this.deps.presenceStore.sweep?.(this.deps.now())) ?? [];
    await Promise.allSettled(
      settled.map(({ userId, lastSeen }) =>
        this.goOffline(userId, new Date(lastSeen)).catch((error: unknown) =>
          this.deps.logger.error({ err: summarizeError(error), userId }, 'presence offline failed'),
        ),
      ),
    );
  }

  private async goOffline(userId: string, lastSeen: Date): Promise<void> {
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

export const presenceRequests = {
  'presence:get': {
    run: async ({ userId, deps }, input) => {
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
    },
  },
} satisfies Partial<EventHandlers['requests']>;
