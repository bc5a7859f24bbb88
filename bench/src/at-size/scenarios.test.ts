import { SYNC_MAX_MESSAGES_PER_CONVERSATION } from '@causette/protocol';
import { describe, expect, it } from 'vitest';
import { QUICK_SIZE, planConversations } from './dataset';
import { deepPageProbes, latestPageProbes, searchProbes, syncProbes } from './scenarios';
import { searchCountStatement, searchStatement } from './server-queries';

const plan = planConversations(QUICK_SIZE);
const input = {
  plan,
  conversationIds: plan.lengths.map(
    (_, i) => `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`,
  ),
};

/** The highest $n a statement names. */
function highestPlaceholder(text: string): number {
  return Math.max(0, ...[...text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
}

describe('server statements', () => {
  it('name as many parameters as they carry, with and without a prefix', () => {
    for (const query of ['appart', 'état des lieux', '"visite samedi"', 'a']) {
      const search = searchStatement('bench-u000000', query, 20);
      expect(highestPlaceholder(search.text)).toBe(search.values.length);
      const count = searchCountStatement('bench-u000000', query);
      expect(highestPlaceholder(count.text)).toBe(count.values.length);
    }
    // The last word is a prefix while typing; quoted phrases are left to websearch syntax.
    expect(searchStatement('u', 'appart', 20).values.at(-1)).toBe("'appart':*");
    expect(searchStatement('u', '"visite samedi"', 20).values).toHaveLength(6);
  });
});

describe('probes', () => {
  it('rotate over the measured users, each asking in their own conversations', () => {
    const users = plan.measured.length;
    const probes = latestPageProbes(input, users * 3);
    probes.forEach((probe, i) => {
      expect(probe.user).toBe(i % users);
      const index = input.conversationIds.indexOf(probe.payload.conversationId as string);
      expect(plan.measured[probe.user]).toContain(index);
      expect(highestPlaceholder(probe.statements[0]?.text ?? '')).toBe(
        probe.statements[0]?.values.length,
      );
    });
    expect(searchProbes(input, 12).map((p) => p.group)).toContain('rare');
  });

  it('ask for deep pages in the middle half of the longest conversation', () => {
    for (const probe of deepPageProbes(input, 40)) {
      const index = plan.measured[probe.user]?.[0] as number;
      const length = plan.lengths[index] as number;
      const beforeSeq = probe.payload.beforeSeq as number;
      expect(beforeSeq).toBeGreaterThan(length / 4);
      expect(beforeSeq).toBeLessThanOrEqual(Math.ceil((3 * length) / 4) + 1);
    }
  });

  it('sync: a cursor for every conversation, the given number behind, one statement each', () => {
    for (const probe of syncProbes(input, 8, 10, 10)) {
      const cursors = probe.payload.cursors as Record<string, number>;
      const mine = plan.measured[probe.user] ?? [];
      expect(Object.keys(cursors)).toHaveLength(mine.length);
      const behind = mine.filter((index) => {
        const id = input.conversationIds[index] as string;
        return cursors[id] === (plan.lengths[index] as number) - 10;
      });
      expect(behind).toHaveLength(10);
      // heads, one page per conversation behind, then the three statements of the views
      expect(probe.statements).toHaveLength(1 + 10 + 3);
      expect(probe.statements[1]?.values.at(-1)).toBe(SYNC_MAX_MESSAGES_PER_CONVERSATION + 1);
    }
    for (const probe of syncProbes(input, 4, 0, 0)) expect(probe.statements).toHaveLength(1);
  });
});
