// The property: whatever the interleaving of reconnects, message:new, history pages,
// sends and lost acks, the visible list never has a gap, a duplicate or a reordering.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openIndexedDbStorage } from '../storage/indexeddb-storage';
import type { ChatState } from '../store/types';
import type { ChatClient } from './types';
import { destroyClients, makeClient, server, until } from './test-client.test-fixtures';

beforeAll(() => server.listen());
afterEach(() => {
  destroyClients();
  server.reset();
});
afterAll(() => server.close());

const CONV = 'c-lyon-t2';

type Step =
  | { kind: 'others' }
  | { kind: 'mine'; loseAck: boolean }
  | { kind: 'drop'; failSync: boolean }
  | { kind: 'older' }
  | { kind: 'wait'; ms: number }
  | { kind: 'reload'; offline: boolean };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.constant({ kind: 'others' as const }),
  fc.record({ kind: fc.constant('mine' as const), loseAck: fc.boolean() }),
  fc.record({ kind: fc.constant('drop' as const), failSync: fc.boolean() }),
  fc.constant({ kind: 'older' as const }),
  fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 40 }) }),
);

/** Checked on every snapshot the client publishes. */
function checkSnapshot(state: ChatState): void {
  const window = state.messages[CONV];
  if (!window) return;
  const seqs = window.sent.map((m) => m.seq);
  seqs.forEach((seq, i) => {
    if (i > 0 && seq !== (seqs[i - 1] ?? 0) + 1)
      throw new Error(`gap or disorder: ${seqs.join(',')}`);
  });
  const keys = window.items.map((m) => `${m.senderId}/${m.clientId}`);
  if (new Set(keys).size !== keys.length) throw new Error(`duplicate shown: ${keys.join(',')}`);
}

/** Checks every snapshot `client` publishes, collecting what fails into `violations`. */
function watchSnapshots(client: ChatClient, violations: unknown[]): void {
  client.subscribe(() => {
    try {
      checkSnapshot(client.getSnapshot());
    } catch (error) {
      violations.push(error);
    }
  });
}

describe('sync invariants against the mock server (property)', () => {
  it('never shows a gap, a duplicate or a reordering, and ends complete', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 10 }), (steps) =>
        isolated(async () => {
          const client = makeClient('u-alice');
          const violations: unknown[] = [];
          watchSnapshots(client, violations);
          client.connect();
          client.setActiveConversation(CONV);
          await until(client, (s) => s.messages[CONV]?.loaded === true);
          const sent: string[] = [];
          for (const s of steps) {
            if (s.kind === 'others') server.sendAs('u-bruno', CONV, 'de Bruno');
            else if (s.kind === 'mine') {
              if (s.loseAck) server.dropNextAck('message:send');
              if (client.getSnapshot().user)
                sent.push(client.sendMessage(CONV, { content: 'de moi' }).clientId);
            } else if (s.kind === 'drop') {
              if (s.failSync) server.failNext('sync', { code: 'UNAVAILABLE' });
              server.disconnectUser('u-alice', { how: 'transport' });
              // Back online before the next step, so that later messages meet a failed sync's gap.
              await until(client, (st) => st.connection.status !== 'connected', 5000);
              await until(client, (st) => st.connection.status === 'connected', 5000);
            } else if (s.kind === 'older') client.loadOlderMessages(CONV).catch(() => undefined);
            else if (s.kind === 'wait') await new Promise((resolve) => setTimeout(resolve, s.ms));
          }
          await settleAndCheck(client, violations, sent);
        }),
      ),
      { numRuns: 12 },
    );
  }, 120_000);
});

describe('sync invariants across reloads from the cache (property)', () => {
  const withReloads: fc.Arbitrary<Step> = fc.oneof(
    step,
    fc.record({ kind: fc.constant('reload' as const), offline: fc.boolean() }),
  );

  it('a client restarted from its cache mid-run never shows a gap, a duplicate or a reordering', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(withReloads, { minLength: 1, maxLength: 8 }), (steps) =>
        isolated(async () => {
          const indexedDB = new IDBFactory();
          const violations: unknown[] = [];
          const sent: string[] = [];
          const start = (): ChatClient => {
            const next = makeClient('u-alice', { indexedDB, userId: 'u-alice' });
            watchSnapshots(next, violations);
            next.connect();
            next.setActiveConversation(CONV);
            return next;
          };
          let client = start();
          await until(client, (s) => s.messages[CONV]?.loaded === true);
          for (const s of steps) {
            if (s.kind === 'others') server.sendAs('u-bruno', CONV, 'de Bruno');
            else if (s.kind === 'mine') {
              if (s.loseAck) server.dropNextAck('message:send');
              sent.push(client.sendMessage(CONV, { content: 'de moi' }).clientId);
            } else if (s.kind === 'drop') {
              if (s.failSync) server.failNext('sync', { code: 'UNAVAILABLE' });
              server.disconnectUser('u-alice', { how: 'transport' });
            } else if (s.kind === 'older') client.loadOlderMessages(CONV).catch(() => undefined);
            else if (s.kind === 'wait') await new Promise((resolve) => setTimeout(resolve, s.ms));
            else {
              // A reload, maybe while the server is unreachable: the cache renders, then reconciles.
              if (s.offline) server.goOffline();
              client.destroy();
              client = start();
              await until(client, (st) => st.storage.durable);
              if (s.offline) {
                // Rendered from the cache alone.
                const cached = await until(client, (st) => st.messages[CONV]?.loaded === true);
                expect(cached.connection.status).not.toBe('connected');
              }
              server.goOnline();
            }
          }
          await settleAndCheck(client, violations, sent, indexedDB);
        }),
      ),
      { numRuns: 12 },
    );
  }, 120_000);
});

/**
 * Runs one case, then destroys its clients and resets the server even when it failed: a failing
 * case must not leave the server offline for the next one, or shrinking reports a wrong case.
 */
async function isolated(run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } finally {
    destroyClients();
    server.reset();
  }
}

/**
 * Lets the client settle (a last reconnect syncs whatever a failed sync missed), then checks the
 * invariants: no violation on any snapshot, the shown list equal to the server's tail, and every
 * send stored once.
 */
async function settleAndCheck(
  client: ChatClient,
  violations: readonly unknown[],
  sent: readonly string[],
  indexedDB?: IDBFactory,
): Promise<void> {
  // Settle: a last reconnect syncs whatever a failed sync missed.
  await until(client, (s) => s.connection.status === 'connected', 5000);
  server.disconnectUser('u-alice', { how: 'transport' });
  const stored = () => server.state.messages(CONV);
  const settled = () =>
    until(
      client,
      (s) =>
        s.connection.status === 'connected' &&
        s.messages[CONV]?.pending.length === 0 &&
        s.messages[CONV]?.sent.at(-1)?.seq === stored().length,
      8000,
    );
  let state = await settled();
  if (indexedDB) {
    // A page just started may still be reading its outbox: nothing shows pending until it is
    // read. Settled means the queue on disk is empty too.
    await vi.waitFor(
      async () => {
        const storage = await openIndexedDbStorage({ userId: 'u-alice', indexedDB });
        const queued = await storage.outbox.list().finally(() => storage.close());
        expect(queued).toEqual([]);
      },
      { timeout: 8000, interval: 20 },
    );
    state = await settled();
  }
  expect(violations).toEqual([]);
  const shown = state.messages[CONV]?.sent ?? [];
  const first = shown[0]?.seq ?? 1;
  expect(shown.map((m) => m.id)).toEqual(
    stored()
      .slice(first - 1)
      .map((m) => m.id),
  );
  for (const clientId of sent) {
    expect(stored().filter((m) => m.clientId === clientId)).toHaveLength(1);
  }
}
