import { describe, expect, it } from 'vitest';
import { RENDER_SERIES } from './page-protocol';
import { listsFor, turnOrder } from './run-render';

describe('the lists of a run', () => {
  it('are every list in full runs, the kit and the plain list in quick ones', () => {
    expect(listsFor(false)).toEqual([...RENDER_SERIES]);
    expect(listsFor(true)).toEqual(['causette', 'plain']);
  });

  it('take turns: each list goes first once every few runs', () => {
    expect([0, 1, 2, 3].map((run) => turnOrder(['a', 'b', 'c'], run))).toEqual([
      ['a', 'b', 'c'],
      ['b', 'c', 'a'],
      ['c', 'a', 'b'],
      ['a', 'b', 'c'],
    ]);
    expect(turnOrder([], 3)).toEqual([]);
  });
});
