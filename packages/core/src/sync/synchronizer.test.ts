import type { Message } from '@causette/protocol';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { makeMessage } from '../messages/test-messages';
import { createStore } from '../store/create-store';
import { initialChatState } from '../store/types';
import { FakeSyncServer, settle } from './fake-server.test-fixtures';
import { Synchronizer } from './synchronizer';

function setup(server: FakeSyncServer) {
  const store = createStore(initialChatState({ kind: 'memory', durable: false }));
  const seen: Message[] = [];
  const onError = vi.fn();
  const sync = new Synchronizer({
    store,
    request: server.request,
    onServerMessages: (messages) => seen.push(...messages),
    onError,
  });
  const seqs = () => store.getSnapshot().messages.c1?.sent.map((m) => m.seq) ?? [];
  return { store, sync, seqs, seen, onError };
}

async function drain(server: FakeSyncServer) {
  await settle();
  while (server.deliver(0)) await settle();
}

const range = (from: number, to: number) =>
  Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

describe('Synchronizer', () => {
  it('loads the latest page, then older pages down to the first message', async () => {
    const server = new FakeSyncServer(120);
    const { sync, seqs, store } = setup(server);
    const loading = sync.loadLatest('c1');
    await drain(server);
    await loading;
    expect(seqs()).toEqual(range(71, 120));
    void sync.loadOlder('c1');
    expect(store.getSnapshot().messages.c1?.loadingOlder).toBe(true);
    await drain(server);
    void sync.loadOlder('c1');
    await drain(server);
    expect(seqs()).toEqual(range(1, 120));
    expect(store.getSnapshot().messages.c1?.hasOlder).toBe(false);
    await sync.loadOlder('c1'); // nothing older: no request
    expect(server.queue).toEqual([]);
  });

  it('fetches a gap before showing a message that skips ahead', async () => {
    const server = new FakeSyncServer(3);
    const { sync, seqs, store } = setup(server);
    void sync.loadLatest('c1');
    await drain(server);
    server.post();
    server.post();
    const sixth = server.post();
    sync.receive([sixth]);
    expect(seqs()).toEqual([1, 2, 3]);
    expect(store.getSnapshot().messages.c1?.held.map((m) => m.seq)).toEqual([6]);
    expect(server.queue.map((d) => d.label)).toContain('message:history');
    await drain(server);
    expect(seqs()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('syncs from the last seq held; a truncated conversation restarts from its latest page', async () => {
    const server = new FakeSyncServer(2, 3);
    const { sync, seqs, store } = setup(server);
    void sync.loadLatest('c1');
    await drain(server);
    for (let i = 0; i < 9; i++) server.post();
    const syncing = sync.syncSession();
    await drain(server);
    await syncing;
    expect(seqs()).toEqual(range(1, 11));
    expect(store.getSnapshot().conversations.byId.c1?.lastSeq).toBe(11);
    for (let i = 0; i < 70; i++) server.post();
    const labels: string[] = [];
    const request = server.request;
    const again = new Synchronizer({
      store,
      request: (event, payload) => {
        labels.push(`${event} ${JSON.stringify(payload)}`);
        return request(event, payload);
      },
    });
    const resyncing = again.syncSession();
    await drain(server);
    await resyncing;
    // The latest 50, not 70 messages paged forward from seq 11.
    expect(seqs()).toEqual(range(32, 81));
    expect(labels).toEqual([
      'sync {"cursors":{"c1":11}}',
      'message:history {"conversationId":"c1","limit":50}',
    ]);
  });

  it('asks for a conversation it has never seen when a message arrives for it', async () => {
    const server = new FakeSyncServer(1);
    const { sync, store } = setup(server);
    sync.receive([makeMessage(1)]);
    await drain(server);
    expect(store.getSnapshot().conversations.order).toEqual(['c1']);
  });

  it('reports a failed gap fetch and leaves the list gap-free', async () => {
    const server = new FakeSyncServer(1);
    const store = createStore(initialChatState({ kind: 'memory', durable: false }));
    const onError = vi.fn();
    let calls = 0;
    const sync = new Synchronizer({
      store,
      onError,
      request: async (event, payload) => {
        if (++calls > 1) throw new Error('boom');
        const answer = server.request(event, payload);
        server.deliver(0);
        return answer;
      },
    });
    await sync.loadLatest('c1');
    sync.receive([makeMessage(5)]);
    await settle();
    expect(store.getSnapshot().messages.c1?.sent.map((m) => m.seq)).toEqual([1]);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'INTERNAL' }));
    sync.dispose();
    sync.receive([makeMessage(2)]);
    expect(store.getSnapshot().messages.c1?.sent.map((m) => m.seq)).toEqual([1]);
  });

  it('property: random interleavings never show a gap, a duplicate or a reordering', async () => {
    type Step =
      | { kind: 'post'; deliver: boolean }
      | { kind: 'reconnect' }
      | { kind: 'older' }
      | { kind: 'deliver'; index: number };
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({ kind: fc.constant('post' as const), deliver: fc.boolean() }),
      fc.record({ kind: fc.constant('reconnect' as const) }),
      fc.record({ kind: fc.constant('older' as const) }),
      fc.record({ kind: fc.constant('deliver' as const), index: fc.nat() }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 80 }),
        fc.integer({ min: 1, max: 30 }),
        fc.array(step, { maxLength: 40 }),
        async (initial, syncLimit, steps) => {
          const server = new FakeSyncServer(initial, syncLimit);
          const { sync, seqs, seen } = setup(server);
          const check = () => {
            const visible = seqs();
            expect(new Set(visible).size).toBe(visible.length);
            visible.forEach((seq, i) => i > 0 && expect(seq).toBe((visible[i - 1] ?? 0) + 1));
          };
          void sync.loadLatest('c1');
          for (const s of steps) {
            if (s.kind === 'post') {
              const message = server.post();
              // A message:new travels like an answer: it may overtake or trail the others.
              if (s.deliver)
                server.queue.push({ label: 'new', run: () => sync.receive([message]) });
            } else if (s.kind === 'reconnect') {
              sync.syncSession().catch(() => undefined);
            } else if (s.kind === 'older') {
              sync.loadOlder('c1').catch(() => undefined);
            } else {
              server.deliver(s.index);
            }
            await settle();
            check();
          }
          await drain(server);
          void sync.syncSession();
          await drain(server);
          check();
          const visible = seqs();
          expect(visible[visible.length - 1] ?? 0).toBe(server.messages.length);
          expect(seen.length).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 150 },
    );
  });
});
