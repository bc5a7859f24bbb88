// @causette/core against the real server: the happy path, a reconnect after a long absence, and
// a destroy that leaves nothing running.
import { selectReadByOthers, selectUnreadCount, selectUnreadTotal } from '@causette/core';
import { describe, expect, it, vi } from 'vitest';
import {
  ALICE,
  BOB,
  connected,
  expectGapFree,
  makeClient,
  openConversation,
  sharedConversation,
  pendingOf,
  shown,
  storedMessages,
  uniqueSubject,
  sleep,
  socketsTo,
  until,
  useChatServer,
} from './sdk-test-helpers';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 120_000 });

const chat = useChatServer();

describe('the SDK against the real server', () => {
  it('delivers a message once, counts it unread, and reconciles markRead on both sides', async () => {
    const alice = makeClient(chat.server.url, ALICE);
    const bob = makeClient(chat.server.url, BOB);
    await Promise.all([connected(alice), connected(bob)]);
    const id = await sharedConversation(alice, bob);
    const bobTotalBefore = selectUnreadTotal(bob.getSnapshot());

    const pending = alice.sendMessage(id, { content: 'Le T2 est-il toujours libre ?' });
    const aliceState = await until(alice, (s) => shown(s, id).length === 1);
    expect(pendingOf(aliceState, id)).toEqual([]);
    const bobState = await until(bob, (s) => selectUnreadCount(id)(s) === 1);
    expect(shown(bobState, id).map((m) => [m.clientId, m.content])).toEqual([
      [pending.clientId, 'Le T2 est-il toujours libre ?'],
    ]);
    await until(bob, (s) => selectUnreadTotal(s) === bobTotalBefore + 1);

    await bob.markRead(id);
    expect(selectUnreadCount(id)(bob.getSnapshot())).toBe(0);
    await until(bob, (s) => selectUnreadTotal(s) === bobTotalBefore);
    const sent = shown(alice.getSnapshot(), id)[0]!;
    await until(alice, (s) => selectReadByOthers(sent)(s));
    expect(selectUnreadCount(id)(alice.getSnapshot())).toBe(0);
    expect(await storedMessages(chat.server.url, BOB, id)).toEqual([
      expect.objectContaining({ clientId: pending.clientId, seq: 1 }),
    ]);
  });

  it('fills what a disconnected client missed: complete, gap-free, no duplicate', async () => {
    const alice = makeClient(chat.server.url, ALICE);
    const bob = makeClient(chat.server.url, BOB);
    await Promise.all([connected(alice), connected(bob)]);
    const subject = uniqueSubject();
    const id = await openConversation(alice, [BOB], subject);
    await openConversation(bob, [ALICE], subject);
    await alice.loadOlderMessages(id);
    alice.sendMessage(id, { content: 'avant' });
    await until(alice, (s) => pendingOf(s, id).length === 0);
    await bob.loadOlderMessages(id);
    await until(bob, (s) => shown(s, id).length === 1);

    bob.disconnect();
    for (let i = 1; i <= 30; i++) alice.sendMessage(id, { content: `absent ${i}` });
    await until(alice, (s) => pendingOf(s, id).length === 0 && shown(s, id).length === 31);
    bob.connect();
    const state = await until(bob, (s) => shown(s, id).length >= 31);
    const messages = shown(state, id);
    expectGapFree(messages);
    expect(messages.map((m) => m.content)).toEqual([
      'avant',
      ...Array.from({ length: 30 }, (_, i) => `absent ${i + 1}`),
    ]);
    expect(state.messages[id]?.held).toEqual([]);
    expect(messages.map((m) => m.id)).toEqual(
      (await storedMessages(chat.server.url, BOB, id)).map((m) => m.id),
    );
  });

  it('destroy() leaves no socket or reconnect timer of the client behind', async () => {
    const alice = makeClient(chat.server.url, ALICE);
    await connected(alice);
    const id = await openConversation(alice, [BOB], uniqueSubject());
    await alice.loadOlderMessages(id);
    alice.sendMessage(id, { content: 'puis je pars' });
    await until(alice, (s) => pendingOf(s, id).length === 0 && shown(s, id).length === 1);
    expect(socketsTo(chat.server.port)).toBeGreaterThan(0);
    alice.destroy();
    await vi.waitFor(() => expect(socketsTo(chat.server.port)).toBe(0), { timeout: 5000 });
    // Longer than the shortest reconnect backoff: a timer left behind would have dialled again.
    await sleep(1500);
    expect(socketsTo(chat.server.port)).toBe(0);
    expect(alice.getSnapshot().connection.status).toBe('idle');
    expect(() => alice.connect()).toThrow(/destroy/);
  });
});
