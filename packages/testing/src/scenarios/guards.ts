// Refusals (FORBIDDEN without a hint of existence, INVALID naming the field) and search.
import type { SearchResult } from '@causette/protocol';
import { describe, expect, it } from 'vitest';
import { type ScenarioKit, pick } from './harness';

export function guardScenarios(kit: ScenarioKit, timeout: number): void {
  describe('refusals', () => {
    it(
      'answers FORBIDDEN to a stranger, the same as for a conversation that does not exist',
      { timeout },
      async () => {
        const { users, sockets, conversationId } = await kit.conversation();
        const message = await kit.send(pick(sockets, 0), conversationId, 'Privé');
        const stranger = await kit.connect(await kit.harness.newUser());
        const forbidden = { ok: false, error: { code: 'FORBIDDEN', message: expect.any(String) } };
        const attempts: [string, object][] = [
          ['message:send', { clientId: 'x1', conversationId, type: 'TEXT', content: 'Coucou' }],
          ['message:history', { conversationId }],
          ['conversation:get', { conversationId }],
          ['message:read', { messageId: message.id }],
          ['message:unread', { conversationId }],
          ['message:search', { query: 'Privé', conversationId }],
          ['presence:get', { userIds: [users[0]] }],
        ];
        for (const [event, payload] of attempts)
          expect(await kit.request(stranger, event, payload), event).toEqual(forbidden);
        const missing = await kit.request(stranger, 'conversation:get', {
          conversationId: '0190a000-0000-7000-8000-000000000000',
        });
        const member = await kit.request(stranger, 'conversation:get', { conversationId });
        expect(missing).toEqual(member);
      },
    );

    it('answers INVALID naming the field, and keeps the connection', { timeout }, async () => {
      const { sockets, conversationId } = await kit.conversation();
      const a = pick(sockets, 0);
      const empty = await kit.request(a, 'message:send', {
        clientId: 'v1',
        conversationId,
        type: 'TEXT',
        content: '  ',
      });
      expect(empty).toEqual({
        ok: false,
        error: { code: 'INVALID', message: 'content: must not be empty' },
      });
      const extra = await kit.request(a, 'message:send', {
        clientId: 'v2',
        conversationId,
        type: 'TEXT',
        content: 'x',
        senderId: 'someone',
      });
      expect(extra).toMatchObject({
        ok: false,
        error: { code: 'INVALID', message: expect.stringContaining('senderId') },
      });
      const limit = await kit.request(a, 'message:history', { conversationId, limit: 0 });
      expect(limit).toMatchObject({
        ok: false,
        error: { code: 'INVALID', message: expect.stringMatching(/^limit: /) },
      });
      const unknown = await kit.request(a, 'message:teleport', {});
      expect(unknown).toEqual({
        ok: false,
        error: { code: 'INVALID', message: 'unknown event message:teleport' },
      });
      const noPayload = await kit.request(a, 'conversation:get');
      expect(noPayload).toMatchObject({ ok: false, error: { code: 'INVALID' } });
      expect(a.connected).toBe(true);
      expect((await kit.request(a, 'conversation:get', { conversationId })).ok).toBe(true);
    });
  });

  describe('search', () => {
    it(
      'finds words in the user conversations, newest first, with <mark> snippets',
      { timeout },
      async () => {
        const { sockets, conversationId } = await kit.conversation();
        const a = pick(sockets, 0);
        const first = await kit.send(a, conversationId, 'Le balcon est plein sud');
        await kit.send(a, conversationId, 'Rien à voir ici');
        const second = await kit.send(a, conversationId, 'Un BALCON fleuri');
        const found = await kit.ok<SearchResult>(a, 'message:search', {
          query: 'balcon',
          conversationId,
        });
        expect(found.hits.map((h) => h.message.id)).toEqual([second.id, first.id]);
        expect(found.hits[1]?.snippet).toContain('<mark>balcon</mark>');
        expect(found.hits[0]?.snippet).toContain('<mark>BALCON</mark>');
        for (const hit of found.hits)
          expect(hit.snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
        const paged = await kit.ok<SearchResult>(a, 'message:search', {
          query: 'balcon',
          conversationId,
          limit: 1,
        });
        expect(paged.hits.map((h) => h.message.id)).toEqual([second.id]);
        const rest = await kit.ok<SearchResult>(a, 'message:search', {
          query: 'balcon',
          conversationId,
          limit: 1,
          cursor: paged.nextCursor,
        });
        expect(rest.hits.map((h) => h.message.id)).toEqual([first.id]);
        expect(rest.nextCursor).toBeUndefined();
      },
    );

    it('ignores accents and case', { timeout }, async () => {
      const { sockets, conversationId } = await kit.conversation();
      const a = pick(sockets, 0);
      const message = await kit.send(a, conversationId, 'Appartement très lumineux à Lyon');
      const found = await kit.ok<SearchResult>(a, 'message:search', {
        query: 'TRES LUMINEUX',
        conversationId,
      });
      expect(found.hits.map((h) => h.message.id)).toEqual([message.id]);
      const none = await kit.ok<SearchResult>(a, 'message:search', {
        query: 'piscine',
        conversationId,
      });
      expect(none.hits).toEqual([]);
    });
  });
}
