import { describe, expect, it } from 'vitest';
import { runSchedule } from './generator';
import type { PairLink } from './pair-link';
import { planSends } from './schedule';
import { Tally } from './tally';

/** A pair that delivers and acks every message after `delayMs`, or drops those `drop` names. */
function loopback(tally: Tally, delayMs: number, drop: (key: string) => boolean): PairLink {
  return {
    send(_fromA, key) {
      setTimeout(() => {
        tally.answered(key, { ok: true });
        if (!drop(key)) tally.received(key, performance.now());
      }, delayMs);
    },
    close() {},
  };
}

describe('runSchedule', () => {
  const load = { sockets: 4, rate: 200, durationS: 0.05 };

  it('sends every message no earlier than due and ends once all are settled', async () => {
    const tally = new Tally();
    const sentAt: number[] = [];
    const link = loopback(tally, 1, () => false);
    const links = new Map<number, PairLink>([
      [
        0,
        { ...link, send: (fromA, key) => (sentAt.push(performance.now()), link.send(fromA, key)) },
      ],
      [1, link],
    ]);
    const plan = planSends(load, () => true);
    const startAt = performance.now() + 5;
    await runSchedule({ plan, links, tally, startAt, drainMs: 5_000, keyOf: (i) => `m${i}` });
    const summary = tally.summary();
    expect(summary).toMatchObject({ sent: plan.length, delivered: plan.length, lost: 0 });
    const pairZero = plan.filter((send) => send.pair === 0);
    sentAt.forEach((at, i) => expect(at).toBeGreaterThanOrEqual(startAt + pairZero[i]!.dueMs - 1));
    expect(summary.latenciesMs.every((latency) => latency >= 0)).toBe(true);
  });

  it('stops waiting for lost messages after the drain period', async () => {
    const tally = new Tally();
    const links = new Map<number, PairLink>([
      [0, loopback(tally, 1, (key) => key === 'm0')],
      [1, loopback(tally, 1, () => false)],
    ]);
    const plan = planSends(load, () => true);
    const startAt = performance.now();
    await runSchedule({ plan, links, tally, startAt, drainMs: 50, keyOf: (i) => `m${i}` });
    expect(performance.now() - startAt).toBeGreaterThanOrEqual(plan.at(-1)!.dueMs + 50 - 1);
    expect(tally.summary()).toMatchObject({ sent: plan.length, lost: 1 });
  });
});
