import { PRESENCE_MAX_USERS } from '@causette/protocol';
import { describe, expect, it } from 'vitest';
import { ChatError } from '../errors';
import { chunk } from './chunk';

describe('chunk', () => {
  it('splits into slices of PRESENCE_MAX_USERS by default, in order', () => {
    const ids = Array.from({ length: PRESENCE_MAX_USERS * 2 + 1 }, (_, i) => `u${i}`);
    const chunks = chunk(ids);
    expect(chunks.map((c) => c.length)).toEqual([PRESENCE_MAX_USERS, PRESENCE_MAX_USERS, 1]);
    expect(chunks.flat()).toEqual(ids);
  });

  it('gives no slice for an empty input and one for a short one', () => {
    expect(chunk([])).toEqual([]);
    expect(chunk(['a', 'b', 'c'], 2)).toEqual([['a', 'b'], ['c']]);
  });

  it('refuses a size that is not a positive integer', () => {
    expect(() => chunk(['a'], 0)).toThrow(ChatError);
    expect(() => chunk(['a'], 1.5)).toThrow(/positive integer/);
  });
});
