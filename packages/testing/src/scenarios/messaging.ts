// Sending: the ack, the fan-out, idempotency after a lost ack, history paging, sync.
import type { HistoryResult, Message, SyncResult } from '@causette/protocol';
import { describe, expect, it } from 'vitest';
import { type ScenarioKit, pick } from './harness';

const seqs = (messages: readonly Message[]) => messages.map((m) => m.seq);

export function messagingScenarios(kit: ScenarioKit, timeout: number): void {
  describe('sending', () => {
    it(
      'acks the stored message and fans out message:new (sending socket included), message:received and unread:count',
      { timeout },
      async () => {
        const { users, conversationId, a, b } = await kit.conversation();
        const aTablet = await kit.connect(pick(users, 0));
        const bNew = kit.nextEvent(b, 'message:new');
        const tabletNew = kit.nextEvent(aTablet, 'message:new');
        const received = kit.nextEvent(a, 'message:received');
        const bUnread = kit.nextEvent(b, 'unread:count');
        const ownNew = kit.nextEvent(a, 'message:new');
        const message = await kit.send(a, conversationId, '  Bonjour  ');
        expect(message).toMatchObject({
          seq: 1,
          content: 'Bonjour',
          senderId: users[0],
          type: 'TEXT',
        });
        expect((await bNew).message).toEqual(message);
        expect((await tabletNew).message).toEqual(message);
        expect(await received).toEqual({ messageId: message.id, conversationId, seq: 1 });
        expect(await bUnread).toEqual({ count: 1, conversationId, conversationUnread: 1 });
        expect((await ownNew).message).toEqual(message);
      },
    );

    it('stores a message once when it is resent after a lost ack', { timeout }, async () => {
      const { conversationId, a, b } = await kit.conversation();
      const clientId = globalThis.crypto.randomUUID();
      const first = kit.nextEvent(b, 'message:new');
      // The ack of this emit is never awaited: as far as the client knows, it was lost.
      a.emit(
        'message:send',
        { clientId, conversationId, type: 'TEXT', content: 'Une seule fois' },
        () => undefined,
      );
      const original = (await first).message;
      const bSeen = kit.collect(b, 'message:new');
      const resent = await kit.send(a, conversationId, 'Une seule fois', clientId);
      expect(resent).toEqual(original);
      await kit.sleep(100);
      expect(bSeen).toEqual([]);
      const history = await kit.ok<HistoryResult>(a, 'message:history', { conversationId });
      expect(seqs(history.messages)).toEqual([1]);
    });
  });

  describe('history and sync', () => {
    it('pages history older and newer, oldest first, with hasMore', { timeout }, async () => {
      const { sockets, conversationId } = await kit.conversation();
      const a = pick(sockets, 0);
      for (let i = 1; i <= 7; i++) await kit.send(a, conversationId, `message ${i}`);
      const page = (request: object) =>
        kit.ok<HistoryResult>(a, 'message:history', { conversationId, ...request });
      const latest = await page({ limit: 3 });
      expect([seqs(latest.messages), latest.hasMore]).toEqual([[5, 6, 7], true]);
      const older = await page({ beforeSeq: 5, limit: 3 });
      expect([seqs(older.messages), older.hasMore]).toEqual([[2, 3, 4], true]);
      const oldest = await page({ beforeSeq: 2, limit: 3 });
      expect([seqs(oldest.messages), oldest.hasMore]).toEqual([[1], false]);
      const newer = await page({ afterSeq: 4, limit: 2 });
      expect([seqs(newer.messages), newer.hasMore]).toEqual([[5, 6], true]);
      const newest = await page({ afterSeq: 6, limit: 2 });
      expect([seqs(newest.messages), newest.hasMore]).toEqual([[7], false]);
      const window = await page({ afterSeq: 2, beforeSeq: 6 });
      expect([seqs(window.messages), window.hasMore]).toEqual([[3, 4, 5], false]);
    });

    it('syncs what was missed while disconnected', { timeout }, async () => {
      const { users, conversationId, a, b } = await kit.conversation();
      await kit.send(a, conversationId, 'un');
      await kit.send(a, conversationId, 'deux');
      b.disconnect();
      for (const word of ['trois', 'quatre', 'cinq']) await kit.send(a, conversationId, word);
      const back = await kit.connect(pick(users, 1));
      const synced = await kit.ok<SyncResult>(back, 'sync', { cursors: { [conversationId]: 2 } });
      expect(synced.truncated).toEqual([]);
      expect(synced.messages.map((m) => m.content)).toEqual(['trois', 'quatre', 'cinq']);
      expect(seqs(synced.messages)).toEqual([3, 4, 5]);
      expect(synced.conversations).toHaveLength(1);
      expect(synced.conversations[0]).toMatchObject({
        id: conversationId,
        lastSeq: 5,
        unreadCount: 5,
      });
      const upToDate = await kit.ok<SyncResult>(back, 'sync', { cursors: { [conversationId]: 5 } });
      expect(upToDate).toEqual({ conversations: [], messages: [], truncated: [] });
      const unknown = await kit.ok<SyncResult>(back, 'sync', { cursors: {} });
      expect(unknown.conversations.map((c) => c.id)).toEqual([conversationId]);
      expect(unknown.messages).toEqual([]);
    });
  });
}
