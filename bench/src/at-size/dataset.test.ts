import { describe, expect, it } from 'vitest';
import {
  FULL_SIZE,
  QUICK_SIZE,
  conversationLengths,
  measuredIndexes,
  planConversations,
  userId,
} from './dataset';

describe('conversationLengths', () => {
  it('sums exactly to the total, longest first, none empty', () => {
    for (const [total, count] of [
      [1_000_000, 10_000],
      [20_000, 200],
      [10, 10],
      [11, 3],
    ] as const) {
      const lengths = conversationLengths(total, count);
      expect(lengths).toHaveLength(count);
      expect(lengths.reduce((a, b) => a + b, 0)).toBe(total);
      expect(Math.min(...lengths)).toBeGreaterThanOrEqual(1);
      for (let i = 1; i < lengths.length; i++) {
        expect(lengths[i]).toBeLessThanOrEqual(lengths[i - 1] as number);
      }
    }
  });

  it('has a long tail at the issue size', () => {
    const lengths = conversationLengths(1_000_000, 10_000);
    expect(lengths[0]).toBeGreaterThan(10_000);
    expect(lengths.at(-1)).toBeLessThan(50);
  });

  it('refuses fewer messages than conversations', () => {
    expect(() => conversationLengths(5, 10)).toThrow(RangeError);
  });
});

describe('measuredIndexes', () => {
  it('gives each user their own conversations, the first of them among the longest', () => {
    const sets = measuredIndexes(10_000, 50, 8);
    expect(sets).toHaveLength(8);
    const all = sets.flat();
    expect(new Set(all).size).toBe(8 * 50);
    sets.forEach((set, user) => {
      expect(set).toHaveLength(50);
      expect(set[0]).toBe(user);
    });
  });

  it('refuses more measured users than the spacing allows', () => {
    expect(() => measuredIndexes(200, 50, 5)).toThrow(RangeError);
  });
});

describe('planConversations', () => {
  for (const [name, size] of [
    ['quick', QUICK_SIZE],
    ['full', FULL_SIZE],
  ] as const) {
    it(`keeps the invariants the server relies on (${name})`, () => {
      const plan = planConversations(size);
      expect(plan.lengths).toHaveLength(size.conversations);
      // Violations collected, then one assertion: 10,000 conversations are checked.
      const wrong: string[] = [];
      const measuredUsers = new Set(plan.measured.map((_, user) => user));
      const theirs = new Set(plan.measured.flat());
      for (let i = 0; i < size.conversations; i++) {
        const a = plan.memberA[i] as number;
        const b = plan.memberB[i] as number;
        if (a === b || a >= size.users || b >= size.users) wrong.push(`${i}: members ${a}, ${b}`);
        if ((plan.unreadTail[i] as number) >= (plan.lengths[i] as number)) wrong.push(`${i}: tail`);
        if ((plan.lastMinutesAgo[i] as number) < 1) wrong.push(`${i}: last message in the future`);
        // A measured user is in their own conversations only.
        if (!theirs.has(i) && (measuredUsers.has(a) || measuredUsers.has(b))) {
          wrong.push(`${i}: a measured user outside their conversations`);
        }
      }
      plan.measured.forEach((indexes, user) => {
        for (const index of indexes) {
          if (plan.memberA[index] !== user && plan.memberB[index] !== user) {
            wrong.push(`${index}: user ${user} is not a member`);
          }
        }
      });
      expect(wrong).toEqual([]);
    });
  }
});

describe('userId', () => {
  it('is fixed width, so ids sort the same as strings and as numbers', () => {
    expect(userId(7)).toBe('bench-u000007');
    expect(userId(1999) < userId(10_000)).toBe(true);
  });
});
