import { describe, expect, it, vi } from 'vitest';
import { createStore, patchObject, removeEntry, setEntry } from './create-store';

describe('createStore', () => {
  it('notifies once per change and never when nothing changed', () => {
    const store = createStore({ a: { n: 1 }, b: { n: 2 } });
    const listener = vi.fn();
    store.subscribe(listener);
    store.setState((s) => s);
    expect(listener).not.toHaveBeenCalled();
    const before = store.getSnapshot();
    store.setState((s) => ({ ...s, a: { n: 3 } }));
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.getSnapshot().b).toBe(before.b);
    expect(store.getSnapshot().a).toEqual({ n: 3 });
  });

  it('unsubscribes, idempotently, even during a notification', () => {
    const store = createStore(0);
    const second = vi.fn();
    const off = store.subscribe(() => off());
    const offSecond = store.subscribe(second);
    store.setState((n) => n + 1);
    store.setState((n) => n + 1);
    expect(second).toHaveBeenCalledTimes(2);
    offSecond();
    offSecond();
    store.setState((n) => n + 1);
    expect(second).toHaveBeenCalledTimes(2);
  });

  it('refuses a non-function listener', () => {
    expect(() => createStore(0).subscribe(null as unknown as () => void)).toThrow(TypeError);
  });
});

describe('structural sharing helpers', () => {
  it('patchObject keeps the reference when nothing differs', () => {
    const base = { a: 1, b: 'x' };
    expect(patchObject(base, { a: 1 })).toBe(base);
    expect(patchObject(base, { a: 2 })).toEqual({ a: 2, b: 'x' });
  });

  it('setEntry and removeEntry keep the reference when nothing changes', () => {
    const value = { v: 1 };
    const record = { k: value };
    expect(setEntry(record, 'k', value)).toBe(record);
    expect(setEntry(record, 'j', value)).toEqual({ k: value, j: value });
    expect(removeEntry(record, 'absent')).toBe(record);
    expect(removeEntry(record, 'k')).toEqual({});
  });
});
