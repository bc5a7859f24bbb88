// @causette/core against the real server when the link goes silent without closing (a dead
// access point, a NAT that forgot the flow): no error, no close, just nothing. Only the heartbeat
// can notice; then the client reconnects and what was said on both sides arrives once.
import { describe, expect, it, vi } from 'vitest';
import {
  aliceBehindRelay,
  BOB,
  expectGapFree,
  pendingOf,
  QUICK_HEARTBEAT,
  shown,
  storedMessages,
  until,
  useChatServer,
} from './sdk-test-helpers';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 120_000 });

// A quick heartbeat (the defaults take 45 s to call a link dead).
const chat = useChatServer({
  relay: true,
  env: QUICK_HEARTBEAT,
});

describe('a link that goes silent without closing', () => {
  it('is noticed by the heartbeat; what was sent and said meanwhile arrives once', async () => {
    const { alice, bob, id } = await aliceBehindRelay(chat);
    const reasons: string[] = [];
    alice.on('connection', (state) => {
      if (state.lastError) reasons.push(state.lastError.message);
    });

    chat.relay.silence();
    const mine = alice.sendMessage(id, { content: 'dans le tunnel' });
    const theirs = bob.sendMessage(id, { content: 'tu es là ?' });

    const state = await until(
      alice,
      (s) =>
        s.connection.status === 'connected' &&
        pendingOf(s, id).length === 0 &&
        shown(s, id).length === 2,
    );
    expect(reasons[0]).toBe('connection lost: ping timeout');
    expectGapFree(shown(state, id));
    expect(
      shown(state, id)
        .map((m) => m.clientId)
        .sort(),
    ).toEqual([mine.clientId, theirs.clientId].sort());
    await until(bob, (s) => shown(s, id).length === 2);
    const stored = await storedMessages(chat.server.url, BOB, id);
    expect(stored.map((m) => m.clientId).sort()).toEqual([mine.clientId, theirs.clientId].sort());
  });
});
