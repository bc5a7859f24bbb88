import { describe, expect, it } from 'vitest';
import { assignPairs, messageCount, pairCount, planSends } from './schedule';

describe('planSends', () => {
  const load = { sockets: 8, rate: 100, durationS: 0.2 };

  it('spreads the total rate evenly: message k is due at k / rate', () => {
    const plan = planSends(load, () => true);
    expect(plan).toHaveLength(messageCount(load));
    expect(plan.map((send) => send.dueMs)).toEqual(plan.map((_, k) => k * 10));
  });

  it('deals messages round-robin over the pairs, alternating the direction per round', () => {
    const plan = planSends(load, () => true);
    expect(plan.slice(0, 9).map((send) => send.pair)).toEqual([0, 1, 2, 3, 0, 1, 2, 3, 0]);
    expect(plan.slice(0, 9).map((send) => send.fromA)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
      true,
    ]);
  });

  it('keeps only the owned pairs, with their global due times', () => {
    const plan = planSends(load, (pair) => pair === 1);
    expect(plan.map((send) => [send.index, send.dueMs])).toEqual([
      [1, 10],
      [5, 50],
      [9, 90],
      [13, 130],
      [17, 170],
    ]);
  });

  it('is empty without a pair', () => {
    expect(planSends({ sockets: 1, rate: 10, durationS: 1 }, () => true)).toEqual([]);
  });
});

describe('pairs', () => {
  it('counts two sockets per pair', () => {
    expect(pairCount({ sockets: 200, rate: 1, durationS: 1 })).toBe(100);
    expect(pairCount({ sockets: 201, rate: 1, durationS: 1 })).toBe(100);
  });

  it('deals pairs round-robin to the workers', () => {
    expect(assignPairs(5, 2)).toEqual([
      [0, 2, 4],
      [1, 3],
    ]);
    expect(assignPairs(1, 3)).toEqual([[0], [], []]);
  });
});
