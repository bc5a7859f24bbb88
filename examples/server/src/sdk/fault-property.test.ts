// @causette/core against the real server, Alice behind a relay that loses acks, cuts, blocks and
// silences her link at random moments, with reloads in between: nothing is lost, repeated or stuck.
import type { ChatClient } from '@causette/core';
import fc from 'fast-check';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import {
  ALICE,
  aliceBehindRelay,
  BOB,
  describeState,
  destroyClients,
  expectGapFree,
  makeClient,
  pendingOf,
  QUICK_HEARTBEAT,
  shown,
  sleep,
  storedMessages,
  until,
  useChatServer,
} from './sdk-test-helpers';
import { ackId, eventAckId } from './ws-relay';

/** Cases per run; raise it (FAULT_RUNS=60) for a soak. */
const RUNS = Number(process.env.FAULT_RUNS ?? 10);
// A failing case shrinks through more cases, each up to the settle timeout.
vi.setConfig({ testTimeout: 90_000 + RUNS * 10_000, hookTimeout: 120_000 });

// A quick heartbeat, so that a silenced link is noticed in under a second (see silent-link).
const chat = useChatServer({
  relay: true,
  env: QUICK_HEARTBEAT,
});

// No server kill: it needs a server of its own per case (seconds to start one), and what the
// client sees of one, every connection cut and nothing answering, is `cut` and `block` here;
// server-restart.test.ts covers the server side.
type Step =
  | { kind: 'alice' }
  | { kind: 'bob' }
  | { kind: 'loseAck'; how: 'drop' | 'cut'; echo: boolean }
  | { kind: 'cut' }
  | { kind: 'block'; ms: number }
  | { kind: 'silence' }
  | { kind: 'reload'; offlineMs: number | null }
  | { kind: 'wait'; ms: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: 'alice' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'bob' as const }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('loseAck' as const),
      how: fc.constantFrom('drop' as const, 'cut' as const),
      echo: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'cut' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('block' as const),
      ms: fc.integer({ min: 0, max: 300 }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'silence' as const }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('reload' as const),
      offlineMs: fc.option(fc.integer({ min: 0, max: 300 }), { nil: null }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('wait' as const),
      ms: fc.integer({ min: 0, max: 50 }),
    }),
  },
);

let unblockTimer: ReturnType<typeof setTimeout> | undefined;

/** Server unreachable for `ms`, while the next steps run: Alice queues offline meanwhile. */
function blockFor(ms: number): void {
  chat.relay.block(true);
  chat.relay.cut();
  clearTimeout(unblockTimer);
  unblockTimer = setTimeout(() => chat.relay.block(false), ms);
}

/**
 * Loses the answer to Alice's next `message:send` (after the server stored it), by dropping it or
 * cutting the connection; with `echo`, her own `message:new` of it too, so only a resend under the
 * same clientId can settle it. Matched by ack id and clientId, so that an ack id reused on a later
 * connection is not mistaken for it.
 */
function loseNextAck(how: 'drop' | 'cut', echo: boolean): void {
  let target: { ack: string; clientId: string } | undefined;
  let lost = false;
  chat.relay.rules = {
    fromClient: (packet) => {
      const ack = eventAckId(packet, 'message:send');
      if (ack && !target) {
        const [, request] = JSON.parse(packet.replace(/^42\d+/, '')) as [
          string,
          { clientId: string },
        ];
        target = { ack, clientId: request.clientId };
      }
      return 'forward';
    },
    fromServer: (packet) => {
      if (!target) return 'forward';
      if (echo && packet.startsWith('42["message:new"') && packet.includes(target.clientId)) {
        return 'drop';
      }
      if (lost || ackId(packet) !== target.ack || !packet.includes(target.clientId))
        return 'forward';
      lost = true;
      return how;
    },
  };
}

describe('random faults on the link to the real server (property)', () => {
  it('stores every message once and in order, and both sides end showing exactly that', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), (steps) =>
        isolated(() => runCase(steps)),
      ),
      // Passing runs take far less; a failing one still reports what shrinking reached by then.
      { numRuns: RUNS, interruptAfterTimeLimit: 60_000 + RUNS * 10_000 },
    );
  });
});

/** A case's clients and relay state are gone afterwards even when it failed, or shrinking lies. */
async function isolated(run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } finally {
    clearTimeout(unblockTimer);
    destroyClients();
    chat.relay.rules = {};
    chat.relay.block(false);
  }
}

async function runCase(steps: readonly Step[]): Promise<void> {
  const factory = new IDBFactory();
  const options = { indexedDB: factory, userId: ALICE, requestTimeoutMs: 1000 };
  const users = await aliceBehindRelay(chat, options);
  let alice = users.alice;
  const { bob, id } = users;
  const aliceSent: { clientId: string; content: string }[] = [];
  const bobSent: { clientId: string; content: string }[] = [];
  const violations = new Set<string>();
  /** The message each seq was first shown as, by anyone: a seq never changes message. */
  const idAt = new Map<number, string>();

  // Checked on every snapshot, so that a list wrong for a moment and repaired later still fails.
  const watch = (client: ChatClient, who: string, sent: readonly { clientId: string }[]) =>
    client.subscribe(() => {
      const window = client.getSnapshot().messages[id];
      if (!window) return;
      const seqs = window.sent.map((m) => m.seq);
      if (seqs.some((seq, i) => i > 0 && seq !== (seqs[i - 1] ?? 0) + 1)) {
        violations.add(`${who} shows a gap or disorder: ${seqs.join(',')}`);
      }
      const keys = window.items.map((m) => `${m.senderId}/${m.clientId}`);
      if (new Set(keys).size !== keys.length) violations.add(`${who} shows a duplicate: ${keys}`);
      for (const m of window.sent) {
        const first = idAt.get(m.seq) ?? m.id;
        idAt.set(m.seq, first);
        if (first !== m.id) violations.add(`${who} shows seq ${m.seq} as ${m.id}, once ${first}`);
      }
      // Not listed yet: the one sendMessage() is queueing right now, the newest.
      const order = window.pending
        .map((p) => sent.findIndex((s) => s.clientId === p.clientId))
        .map((n) => (n < 0 ? sent.length : n));
      if (order.some((n, i) => i > 0 && n < (order[i - 1] ?? 0))) {
        violations.add(`${who} shows its pending messages out of order: ${order.join(',')}`);
      }
    });
  const startAlice = () => {
    const next = makeClient(chat.relay.url, ALICE, options);
    watch(next, 'alice', aliceSent);
    next.setActiveConversation(id);
    next.connect();
    return next;
  };
  watch(alice, 'alice', aliceSent);
  watch(bob, 'bob', bobSent);
  alice.setActiveConversation(id);

  try {
    // A last message each, so that the faults the last steps armed meet traffic.
    const last: Step[] = [{ kind: 'alice' }, { kind: 'bob' }];
    for (const s of [...steps, ...last]) {
      if (s.kind === 'alice') {
        const content = `a${aliceSent.length}`;
        aliceSent.push({ clientId: alice.sendMessage(id, { content }).clientId, content });
      } else if (s.kind === 'bob') {
        const content = `b${bobSent.length}`;
        bobSent.push({ clientId: bob.sendMessage(id, { content }).clientId, content });
      } else if (s.kind === 'loseAck') loseNextAck(s.how, s.echo);
      else if (s.kind === 'cut') chat.relay.cut();
      else if (s.kind === 'block') blockFor(s.ms);
      else if (s.kind === 'silence') chat.relay.silence();
      else if (s.kind === 'reload') {
        if (s.offlineMs !== null) blockFor(s.offlineMs);
        // Not awaited: the next steps run against a page that is still starting.
        alice.destroy();
        alice = startAlice();
      } else await sleep(s.ms);
    }

    // Settle without help (no last reconnect): every fault must heal on its own. Those still
    // armed play out (a block ends within 300 ms, a lost ack is one packet).
    const expected = aliceSent.length + bobSent.length;
    const settled = (client: ChatClient) =>
      until(
        client,
        (st) =>
          st.connection.status === 'connected' &&
          (pendingOf(st, id).some((p) => p.status === 'failed') ||
            (pendingOf(st, id).length === 0 && shown(st, id).length >= expected)),
        15_000,
      );
    const [aliceState, bobState] = [await settled(alice), await settled(bob)];
    expect(pendingOf(aliceState, id)).toEqual([]);
    expect(pendingOf(bobState, id)).toEqual([]);

    const stored = await storedMessages(chat.server.url, BOB, id);
    const of = (sender: string) =>
      stored.filter((m) => m.senderId === sender).map((m) => [m.clientId, m.content]);
    // Once each, with what was written, in the order written.
    expect(of(ALICE)).toEqual(aliceSent.map((m) => [m.clientId, m.content]));
    expect(of(BOB)).toEqual(bobSent.map((m) => [m.clientId, m.content]));
    expectGapFree(stored);
    expect(shown(aliceState, id).map((m) => m.id)).toEqual(stored.map((m) => m.id));
    expect(shown(bobState, id).map((m) => m.id)).toEqual(stored.map((m) => m.id));
    expect([...violations]).toEqual([]);
  } catch (error) {
    // What each side showed, for the shrunk counterexample's report.
    if (error instanceof Error) {
      error.message += `\nsent: alice ${aliceSent.length}, bob ${bobSent.length}\nalice: ${describeState(alice.getSnapshot())}\nbob: ${describeState(bob.getSnapshot())}`;
    }
    throw error;
  }
}
