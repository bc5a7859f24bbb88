// @causette/core against a real server with a tiny message budget: RATE_LIMITED is transient, so
// a burst is delayed, never failed, and lands complete and in order.
import type { PendingStatus } from '@causette/core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningServer } from '../server';
import {
  ALICE,
  BOB,
  connected,
  destroyClients,
  expectGapFree,
  makeClient,
  makeDataDir,
  openConversation,
  pendingOf,
  shown,
  startChatServer,
  storedMessages,
  uniqueSubject,
  until,
} from './sdk-test-helpers';
import { type WsRelay, startWsRelay } from './ws-relay';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 120_000 });

let server: RunningServer;
let relay: WsRelay;
let data: { remove(): void };
beforeAll(async () => {
  const made = await makeDataDir();
  data = made;
  server = await startChatServer(made.dir, {
    env: { RATE_LIMIT_MESSAGES: '3', RATE_LIMIT_WINDOW_MS: '1000' },
  });
  relay = await startWsRelay(server.port);
});
afterEach(() => destroyClients());
afterAll(async () => {
  await relay?.close();
  await server?.close();
  data?.remove();
});

describe('a rate-limited burst', () => {
  it('is stored complete and in order, nothing marked failed', async () => {
    let refusals = 0;
    relay.rules = {
      fromServer: (packet) => {
        if (packet.startsWith('43') && packet.includes('"RATE_LIMITED"')) refusals += 1;
        return 'forward';
      },
    };
    const alice = makeClient(relay.url, ALICE);
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
    const stored = await storedMessages(server.url, BOB, id);
    expectGapFree(stored);
    expect(stored.map((m) => m.clientId)).toEqual(sent.map((m) => m.clientId));
  });
});
