/// <reference lib="dom" />
// @causette/core in real Chromium against the real server: WebSocket, IndexedDB and the page's
// Origin, two users in one page.
import type { Message } from '@causette/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ADVERTISER,
  OWNER,
  connected,
  destroyClients,
  makeClient,
  pendingOf,
  shown,
  storedMessages,
  until,
} from './browser-test-helpers';

afterEach(destroyClients);

describe('@causette/core in Chromium', () => {
  it('loads the marketplace, and a message sent by one user reaches the other', async () => {
    const advertiser = makeClient(ADVERTISER);
    const owner = makeClient(OWNER);
    const [advertiserState] = await Promise.all([connected(advertiser), connected(owner)]);
    // The page's own IndexedDB holds the outbox: a reload would lose nothing.
    expect(advertiserState.storage).toEqual({ kind: 'indexeddb', durable: true, loaded: true });
    expect(owner.getSnapshot().storage).toEqual({ kind: 'indexeddb', durable: true, loaded: true });
    expect(advertiserState.user).toMatchObject({ userId: ADVERTISER });

    await advertiser.loadConversations();
    const { conversations } = await until(advertiser, (s) => s.conversations.status === 'loaded');
    const listings = conversations.order.map((id) => conversations.byId[id]?.subject?.id);
    expect(listings).toContain('L-101');
    const id = conversations.order.find((c) => conversations.byId[c]?.subject?.id === 'L-101')!;
    expect(conversations.byId[id]?.members.map((m) => m.userId).sort()).toEqual(
      [ADVERTISER, OWNER].sort(),
    );

    await Promise.all([advertiser.loadOlderMessages(id), owner.loadOlderMessages(id)]);
    const history = shown(owner.getSnapshot(), id);
    const before = history.length;
    expect(before).toBeGreaterThan(0); // the seeded history
    const lastSeq = history.at(-1)!.seq;
    const received: Message[] = [];
    const stop = owner.on('message', (message) => received.push(message));

    const pending = advertiser.sendMessage(id, { content: 'Le T2 est-il toujours libre ?' });
    expect(pending).toMatchObject({ conversationId: id, status: expect.any(String) });
    const ownerState = await until(owner, (s) => shown(s, id).length === before + 1);
    stop();
    expect(shown(ownerState, id).at(-1)).toMatchObject({
      clientId: pending.clientId,
      senderId: ADVERTISER,
      content: 'Le T2 est-il toujours libre ?',
      seq: lastSeq + 1,
    });
    expect(received.map((m) => m.clientId)).toEqual([pending.clientId]);
    const advertiserAfter = await until(advertiser, (s) => pendingOf(s, id).length === 0);
    expect(shown(advertiserAfter, id).at(-1)?.clientId).toBe(pending.clientId);
    const stored = await storedMessages(OWNER, id);
    expect(stored.filter((m) => m.clientId === pending.clientId)).toHaveLength(1);
  });
});
