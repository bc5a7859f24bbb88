import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeMessage } from './test-messages';
import {
  EMPTY_WINDOW,
  applyLatestPage,
  firstSeq,
  lastSeq,
  mergeMessages,
  missingRanges,
  setLoadingOlder,
  setPending,
} from './timeline';
import type { MessageWindow, PendingMessage } from './types';

const loadedEmpty = applyLatestPage(EMPTY_WINDOW, []);
const seqs = (w: MessageWindow) => w.sent.map((m) => m.seq);
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

function pending(clientId: string, overrides: Partial<PendingMessage> = {}): PendingMessage {
  return {
    clientId,
    conversationId: 'c1',
    senderId: 'me',
    type: 'TEXT',
    content: 'hi',
    createdAt: '2025-01-01T00:00:00.000Z',
    status: 'pending',
    ...overrides,
  };
}

describe('timeline merge', () => {
  it('ignores messages until a first page is loaded', () => {
    expect(mergeMessages(EMPTY_WINDOW, [makeMessage(1)])).toBe(EMPTY_WINDOW);
  });

  it('loads the latest page as the visible run, older pages join below', () => {
    let w = applyLatestPage(
      EMPTY_WINDOW,
      range(51, 100).map((s) => makeMessage(s)),
    );
    expect(seqs(w)).toEqual(range(51, 100));
    expect(w.hasOlder).toBe(true);
    expect(missingRanges(w)).toEqual([]);
    w = mergeMessages(
      w,
      range(1, 50).map((s) => makeMessage(s)),
    );
    expect(seqs(w)).toEqual(range(1, 100));
    expect(w.hasOlder).toBe(false);
    expect(firstSeq(w)).toBe(1);
    expect(lastSeq(w)).toBe(100);
  });

  it('holds a message beyond a gap and reports the gap as history bounds', () => {
    let w = mergeMessages(loadedEmpty, [makeMessage(1), makeMessage(2)]);
    w = mergeMessages(w, [makeMessage(5), makeMessage(8)]);
    expect(seqs(w)).toEqual([1, 2]);
    expect(w.held.map((m) => m.seq)).toEqual([5, 8]);
    expect(missingRanges(w)).toEqual([
      { afterSeq: 2, beforeSeq: 5 },
      { afterSeq: 5, beforeSeq: 8 },
    ]);
    w = mergeMessages(w, [makeMessage(3), makeMessage(4), makeMessage(6), makeMessage(7)]);
    expect(seqs(w)).toEqual(range(1, 8));
    expect(w.held).toEqual([]);
  });

  it('keeps the same reference for duplicates and replaces a newer copy', () => {
    const w = mergeMessages(loadedEmpty, [makeMessage(1), makeMessage(2)]);
    expect(mergeMessages(w, [makeMessage(2), makeMessage(1)])).toBe(w);
    const read = mergeMessages(w, [makeMessage(2, { readAt: '2025-01-02T00:00:00.000Z' })]);
    expect(read.sent[1]?.readAt).toBe('2025-01-02T00:00:00.000Z');
    expect(read.sent[0]).toBe(w.sent[0]);
  });

  it('skips invalid seqs and other conversations', () => {
    const w = mergeMessages(loadedEmpty, [makeMessage(1)]);
    expect(mergeMessages(w, [makeMessage(0), makeMessage(2.5)])).toBe(w);
    expect(mergeMessages(w, [makeMessage(2, { conversationId: 'c2' })])).toBe(w);
  });

  it('shows pending messages after sent ones until their stored twin is visible', () => {
    let w = setPending(loadedEmpty, [pending('a'), pending('b')]);
    expect(w.items.map((m) => m.status)).toEqual(['pending', 'pending']);
    w = mergeMessages(w, [makeMessage(1, { senderId: 'me', clientId: 'a' })]);
    expect(w.items.map((m) => ('seq' in m ? m.seq : m.clientId))).toEqual([1, 'b']);
    // Held behind a gap: the pending copy stays on screen.
    w = mergeMessages(w, [makeMessage(3, { senderId: 'me', clientId: 'b' })]);
    expect(w.items.map((m) => ('seq' in m ? m.seq : m.clientId))).toEqual([1, 'b']);
    expect(setPending(w, w.pending)).toBe(w);
  });

  it('tracks loadingOlder without touching the rest', () => {
    const w = setLoadingOlder(loadedEmpty, true);
    expect(w.loadingOlder).toBe(true);
    expect(setLoadingOlder(w, true)).toBe(w);
    expect(applyLatestPage(EMPTY_WINDOW, []).hasOlder).toBe(false);
  });

  it('property: any interleaving, duplication and reordering gives the same gap-free list', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }).chain((n) =>
          fc.record({
            n: fc.constant(n),
            deliveries: fc.array(fc.array(fc.integer({ min: 1, max: n }), { maxLength: 6 }), {
              maxLength: 30,
            }),
            order: fc.shuffledSubarray(range(1, n), { minLength: n, maxLength: n }),
          }),
        ),
        ({ n, deliveries, order }) => {
          let w = loadedEmpty;
          // Random batches (duplicates, any order), then every message once in a random order.
          for (const batch of [...deliveries, ...order.map((s) => [s])]) {
            w = mergeMessages(
              w,
              batch.map((s) => makeMessage(s)),
            );
            const visible = seqs(w);
            expect(visible).toEqual(range(1, visible.length));
          }
          expect(seqs(w)).toEqual(range(1, n));
          expect(w.held).toEqual([]);
          expect(missingRanges(w)).toEqual([]);
        },
      ),
    );
  });

  it('property: a latest page then older pages in any order ends complete', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 60 }),
        fc.integer({ min: 1, max: 10 }),
        fc.infiniteStream(fc.nat()),
        (n, pageSize, randoms) => {
          const latest = range(Math.max(1, n - pageSize + 1), n);
          let w = applyLatestPage(
            EMPTY_WINDOW,
            latest.map((s) => makeMessage(s)),
          );
          const rest = range(1, (latest[0] ?? 1) - 1);
          const it = randoms[Symbol.iterator]();
          while (rest.length > 0) {
            const index = (it.next().value as number) % rest.length;
            const [seq] = rest.splice(index, 1);
            w = mergeMessages(w, [makeMessage(seq as number)]);
            const visible = seqs(w);
            expect(visible[visible.length - 1]).toBe(n);
            expect(visible).toEqual(range(visible[0] ?? 1, n));
          }
          expect(seqs(w)).toEqual(range(1, n));
        },
      ),
    );
  });
});
