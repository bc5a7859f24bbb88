// Presence (online, offline after the grace, visibility) and typing relay.
import type { PresenceGetResult } from '@causette/protocol';
import { describe, expect, it } from 'vitest';
import { type ScenarioKit, pick } from './harness';

export function realtimeScenarios(kit: ScenarioKit, timeout: number): void {
  describe('presence', () => {
    it('announces online and, after the grace, offline to contacts', { timeout }, async () => {
      const { users, a, b } = await kit.conversation();
      // A's own online announcement may still be on its way: B became A's contact meanwhile.
      const offline = kit.nextEvent(b, 'user:status', (status) => status.status === 'offline');
      a.disconnect();
      await kit.sleep(kit.harness.presenceGraceMs);
      expect(await offline).toMatchObject({
        userId: users[0],
        status: 'offline',
        lastSeen: expect.any(String),
      });
      const gone = await kit.ok<PresenceGetResult>(b, 'presence:get', { userIds: [users[0]] });
      expect(gone.presences).toEqual([
        { userId: users[0], status: 'offline', lastSeen: expect.any(String) },
      ]);
      const online = kit.nextEvent(b, 'user:status', (status) => status.status === 'online');
      await kit.connect(pick(users, 0));
      expect(await online).toMatchObject({ userId: users[0], status: 'online' });
      const back = await kit.ok<PresenceGetResult>(b, 'presence:get', { userIds: [users[0]] });
      expect(back.presences).toEqual([
        { userId: users[0], status: 'online', lastSeen: expect.any(String) },
      ]);
    });
  });

  describe('typing', () => {
    it('relays typing:start and typing:stop to the other members only', { timeout }, async () => {
      const { users, conversationId, a, b } = await kit.conversation();
      const own = kit.collect(a, 'typing:update');
      const start = kit.nextEvent(b, 'typing:update');
      a.emit('typing:start', { conversationId });
      expect(await start).toEqual({ conversationId, userId: users[0], isTyping: true });
      const stop = kit.nextEvent(b, 'typing:update');
      a.emit('typing:stop', { conversationId });
      expect(await stop).toEqual({ conversationId, userId: users[0], isTyping: false });
      const stranger = await kit.connect(await kit.harness.newUser());
      const leaked = kit.collect(b, 'typing:update');
      stranger.emit('typing:start', { conversationId });
      await kit.sleep(100);
      expect(leaked).toEqual([]);
      expect(own).toEqual([]);
    });
  });
}
