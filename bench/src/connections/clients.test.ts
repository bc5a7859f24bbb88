import { describe, expect, it } from 'vitest';
import { shareUsers } from './clients';

describe('shareUsers', () => {
  it('deals every socket a user of its own, in contiguous shares over the workers', () => {
    const shares = shareUsers('t', 10, 4);
    expect(shares.map((share) => share.length)).toEqual([2, 3, 2, 3]);
    const all = shares.flat();
    expect(new Set(all).size).toBe(10);
    expect(all[0]).toBe('t-u0');
    expect(all.at(-1)).toBe('t-u9');
  });
});
