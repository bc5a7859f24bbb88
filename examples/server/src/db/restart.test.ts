import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { userIds } from '../services/test-fixtures';
import { request, startTestServer } from '../socket/test-helpers';
import { openDatabase } from './index';
import { openTestPglite } from './test-backends';

// PGlite runs PostgreSQL in WebAssembly: generous limits on slow shared machines.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 600_000 });

describe('restart on the same PGlite directory', () => {
  let dir = '';
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loses nothing: conversations, messages, read state, idempotency keys', async () => {
    const first = await openTestPglite();
    dir = first.dir;
    const [ana, bruno] = userIds('ana', 'bruno');
    const before = await startTestServer({}, first);
    const anaSocket = await before.connect(ana);
    await before.connect(bruno);
    const conversationId = (
      await request(anaSocket, 'conversation:open', { participantIds: [bruno] })
    ).data.conversation.id;
    const clientId = randomUUID();
    const sent = await request(anaSocket, 'message:send', {
      clientId,
      conversationId,
      type: 'TEXT',
      content: 'Avant le redémarrage',
    });
    await request(anaSocket, 'message:send', {
      clientId: randomUUID(),
      conversationId,
      type: 'TEXT',
      content: 'Encore un',
    });
    await before.close();
    await first.close();

    const reopened = await openDatabase({ pgliteDir: dir });
    const after = await startTestServer({}, { ...reopened, destroy: () => reopened.close() });
    try {
      const brunoSocket = await after.connect(bruno);
      const conversation = (await request(brunoSocket, 'conversation:get', { conversationId })).data
        .conversation;
      expect(conversation).toMatchObject({
        lastSeq: 2,
        unreadCount: 2,
        lastMessage: { content: 'Encore un' },
      });
      const history = await request(brunoSocket, 'message:history', { conversationId });
      expect(history.data.messages.map((m: { content: string }) => m.content)).toEqual([
        'Avant le redémarrage',
        'Encore un',
      ]);
      const anaAgain = await after.connect(ana);
      const resend = await request(anaAgain, 'message:send', {
        clientId,
        conversationId,
        type: 'TEXT',
        content: 'Avant le redémarrage',
      });
      expect(resend.data.message).toEqual(sent.data.message);
      const next = await request(anaAgain, 'message:send', {
        clientId: randomUUID(),
        conversationId,
        type: 'TEXT',
        content: 'Après',
      });
      expect(next.data.message.seq).toBe(3);
      expect(
        (await request(anaAgain, 'message:search', { query: 'redemarrage' })).data.hits,
      ).toHaveLength(1);
    } finally {
      await after.close();
      await reopened.close();
    }
  }, 600_000);
});
