import { beforeEach, describe, expect, it } from 'vitest';
import { ChatError } from '../errors';
import { PresenceWatchList } from './watch-list';

describe('PresenceWatchList', () => {
  let added: string[][];
  let removed: string[][];
  let list: PresenceWatchList;

  beforeEach(() => {
    added = [];
    removed = [];
    list = new PresenceWatchList({
      onAdded: (ids) => added.push(ids),
      onRemoved: (ids) => removed.push(ids),
    });
  });

  it('reports only newly watched ids, and removes an id when its last holder releases it', () => {
    const first = list.watch(['a', 'b']);
    const second = list.watch(['b', 'c']);
    expect(added).toEqual([['a', 'b'], ['c']]);
    expect(list.watched()).toEqual(['a', 'b', 'c']);
    first();
    expect(removed).toEqual([['a']]);
    expect(list.watched()).toEqual(['b', 'c']);
    second();
    expect(removed).toEqual([['a'], ['b', 'c']]);
    expect(list.watched()).toEqual([]);
  });

  it('counts an id repeated in one call once for that call', () => {
    const release = list.watch(['a', 'a', 'a']);
    expect(added).toEqual([['a']]);
    release();
    expect(removed).toEqual([['a']]);
    expect(list.has('a')).toBe(false);
  });

  it('makes release idempotent', () => {
    const one = list.watch(['a']);
    const two = list.watch(['a']);
    one();
    one();
    expect(removed).toEqual([]);
    expect(list.has('a')).toBe(true);
    two();
    expect(removed).toEqual([['a']]);
  });

  it('calls nothing for an empty watch or when every id was already watched', () => {
    list.watch(['a']);
    const again = list.watch(['a']);
    const none = list.watch([]);
    expect(added).toEqual([['a']]);
    again();
    none();
    expect(removed).toEqual([]);
  });

  it('watches an id again after it was released', () => {
    list.watch(['a'])();
    list.watch(['a']);
    expect(added).toEqual([['a'], ['a']]);
  });

  it('refuses bad input with a ChatError', () => {
    expect(() => list.watch('a' as unknown as string[])).toThrow(ChatError);
    expect(() => list.watch(['a', ''])).toThrow(/non-empty/);
    expect(added).toEqual([]);
    expect(() => new PresenceWatchList({ onAdded: () => {} } as never)).toThrow(ChatError);
  });
});
