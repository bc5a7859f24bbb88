// @causette/core against a real server with a tiny message budget: RATE_LIMITED is transient, so
// a burst is delayed, never failed, and lands complete and in order.
import type { PendingStatus } from '@causette/core';
import { describe, expect, it, vi } from 'vitest';
import {
  ALICE,
  BOB,
  connected,
  expectGapFree,
  makeClient,
  openConversation,
  pendingOf,
  shown,
  storedMessages,
  uniqueSubject,
  until,
  useChatServer,
} from './sdk-test-helpers';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 120_000 });

const chat = useChatServer({
  relay: true,
  env: { RATE_LIMIT_MESSAGES: '3', RATE_LIMIT_WINDOW_MS: '1000' },
});

describe('a rate-limited burst', () => {
  it('is stored complete and in order, nothing marked failed', async () => {
    let refusals = 0;
    chat.relay.rules = {
      fromServer: (packet) => {
        if (packet.startsWith('43') && packet.includes('"RATE_LIMITED"')) refusals += 1;
        return 'forward';
      },
    };
    const alice = makeClient(chat.relay.url, ALICE);
    await connected(alice);
    const id = await openConversation(alice, [BOB], uniqueSubject());
    await alice.loadOlderMessages(id);
    const statuses = new Set<PendingStatus>();
    alice.subscribe(() => {
      for (const m of pendingOf(alice.getSnapshot(), id)) statuses.add(m.status);
    });
    const failed = vi.fn();
    alice.on('message:failed', failed);

    const sent = Array.from({ length: 10 }, (_, i) =>
      alice.sendMessage(id, { content: `rafale ${i + 1}` }),
    );
    const state = await until(
      alice,
      (s) => pendingOf(s, id).length === 0 && shown(s, id).length === 10,
      25_000,
    );
    expect(refusals).toBeGreaterThan(0);
    expect(statuses.has('failed')).toBe(false);
    expect(failed).not.toHaveBeenCalled();
    expect(shown(state, id).map((m) => m.clientId)).toEqual(sent.map((m) => m.clientId));
    const stored = await storedMessages(chat.server.url, BOB, id);
    expectGapFree(stored);
    expect(stored.map((m) => m.clientId)).toEqual(sent.map((m) => m.clientId));
  });
});
