// @causette/core against a real server past its admission bounds for seconds: the server refuses
// with UNAVAILABLE (retryAfterMs) instead of queueing without end, every socket stays up, and the
// clients' outboxes retry until each message is stored once, in order. (`bench/` measures it at
// twice the capacity the throughput ramp found; this holds the mechanism in every test run.)
import type { ChatClient } from '@causette/core';
import { describe, expect, it, vi } from 'vitest';
import {
  connected,
  expectGapFree,
  makeClient,
  pendingOf,
  sharedConversation,
  shown,
  sleep,
  storedMessages,
  until,
  useChatServer,
} from './sdk-test-helpers';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

/** Pairs of users chatting, each user sending a message every `INTERVAL_MS` for `DURATION_MS`. */
const PAIRS = 4;
const INTERVAL_MS = 40;
const DURATION_MS = 6_000;

const chat = useChatServer({
  relay: true,
  // One request at a time and two in line: eight senders, each with one send in flight, are
  // always past that, so refusals come all along the run.
  env: { MAX_RUNNING_REQUESTS: '1', MAX_WAITING_REQUESTS: '2' },
});

describe('an overload past admission', () => {
  it('is refused with UNAVAILABLE, keeps every socket, and stores each message once in order', async () => {
    let refusals = 0;
    chat.relay.rules = {
      fromServer: (packet) => {
        if (packet.startsWith('43') && packet.includes('"UNAVAILABLE"')) refusals += 1;
        return 'forward';
      },
    };
    const pairs: Array<{ clients: [ChatClient, ChatClient]; id: string }> = [];
    for (let p = 0; p < PAIRS; p++) {
      const clients: [ChatClient, ChatClient] = [
        makeClient(chat.relay.url, `u-overload-${p}-a`),
        makeClient(chat.relay.url, `u-overload-${p}-b`),
      ];
      await Promise.all(clients.map((client) => connected(client)));
      pairs.push({ clients, id: await sharedConversation(...clients) });
    }
    const everyone = pairs.flatMap((pair) => pair.clients);
    let drops = 0;
    for (const client of everyone) {
      let was = client.getSnapshot().connection.status;
      client.subscribe(() => {
        const now = client.getSnapshot().connection.status;
        if (was === 'connected' && now !== 'connected') drops += 1;
        was = now;
      });
    }
    const failed = vi.fn();
    for (const client of everyone) client.on('message:failed', failed);

    const sent = new Map<string, string[]>(pairs.map((pair) => [pair.id, []]));
    const started = Date.now();
    for (let n = 0; Date.now() - started < DURATION_MS; n++) {
      for (const { clients, id } of pairs) {
        for (const [side, client] of clients.entries()) {
          const message = client.sendMessage(id, { content: `charge ${side}-${n}` });
          sent.get(id)?.push(message.clientId);
        }
      }
      await sleep(INTERVAL_MS);
    }

    for (const { clients, id } of pairs) {
      const expected = sent.get(id) ?? [];
      for (const client of clients) {
        await until(
          client,
          (s) => pendingOf(s, id).length === 0 && shown(s, id).length === expected.length,
          90_000,
        );
      }
    }
    // Read back once every outbox is empty: while others still retry, the server is still past
    // its bounds, and the reading socket's own handshake would be refused (OVERLOADED).
    for (const { clients, id } of pairs) {
      const expected = sent.get(id) ?? [];
      const stored = await storedMessages(
        chat.server.url,
        clients[0].getSnapshot().user?.userId ?? '',
        id,
      );
      expectGapFree(stored);
      expect(stored).toHaveLength(expected.length);
      expect(new Set(stored.map((m) => m.clientId))).toEqual(new Set(expected));
      // Each sender's own messages in the order it sent them.
      for (const side of [0, 1]) {
        const mine = expected.filter((_, i) => i % 2 === side);
        const order = stored.map((m) => m.clientId).filter((clientId) => mine.includes(clientId));
        expect(order).toEqual(mine);
      }
    }
    expect(refusals).toBeGreaterThan(0);
    expect(failed).not.toHaveBeenCalled();
    expect(drops).toBe(0);
  });
});
