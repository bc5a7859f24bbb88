import { describe, expect, it, vi } from 'vitest';
import { MemberCache } from './member-cache';

function loader(members: Record<string, string[]>) {
  return vi.fn(async (conversationId: string) => [...(members[conversationId] ?? [])]);
}

describe('MemberCache', () => {
  it('asks the database once per conversation, even for concurrent cold reads', async () => {
    const load = loader({ c1: ['a', 'b'] });
    const cache = new MemberCache(load);
    const [first, second] = await Promise.all([cache.memberIds('c1'), cache.memberIds('c1')]);
    expect(first).toEqual(['a', 'b']);
    expect(second).toEqual(['a', 'b']);
    expect(await cache.isMember('b', 'c1')).toBe(true);
    expect(await cache.isMember('z', 'c1')).toBe(false);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('keeps no entry for an unknown conversation: it is asked again, and may appear later', async () => {
    const members: Record<string, string[]> = {};
    const load = loader(members);
    const cache = new MemberCache(load);
    expect(await cache.memberIds('later')).toEqual([]);
    members.later = ['a', 'b'];
    expect(await cache.isMember('a', 'later')).toBe(true);
    expect(load).toHaveBeenCalledTimes(2);
    expect(cache.size).toBe(1);
  });

  it('evicts the least recently used conversation past its bound', async () => {
    const load = loader({ c1: ['a'], c2: ['b'], c3: ['c'] });
    const cache = new MemberCache(load, 2);
    await cache.memberIds('c1');
    await cache.memberIds('c2');
    await cache.memberIds('c1');
    await cache.memberIds('c3');
    expect(cache.size).toBe(2);
    load.mockClear();
    await cache.memberIds('c1');
    expect(load).not.toHaveBeenCalled();
    await cache.memberIds('c2');
    expect(load).toHaveBeenCalledWith('c2');
  });

  it('serves remembered members without a query, and asks again once forgotten', async () => {
    const load = loader({ c1: ['a', 'b'] });
    const cache = new MemberCache(load);
    cache.remember('c1', ['a', 'b']);
    expect(await cache.memberIds('c1')).toEqual(['a', 'b']);
    expect(load).not.toHaveBeenCalled();
    cache.forget('c1');
    await cache.memberIds('c1');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('lets a failed load be tried again', async () => {
    const load = vi.fn().mockRejectedValueOnce(new Error('db down')).mockResolvedValue(['a']);
    const cache = new MemberCache(load);
    await expect(cache.memberIds('c1')).rejects.toThrow('db down');
    expect(await cache.memberIds('c1')).toEqual(['a']);
  });

  it('refuses a bound that is not a positive integer', () => {
    expect(() => new MemberCache(loader({}), 0)).toThrow(RangeError);
  });
});
