/** A listener called after the state changed. */
export type StoreListener = () => void;

/**
 * A minimal external store, the shape `useSyncExternalStore` and other frameworks read.
 * Snapshots are immutable: an update returns a new object for what changed and keeps the
 * references of everything else, so a reader comparing slices sees only its own changes.
 */
export interface Store<T> {
  /** The current immutable snapshot. */
  getSnapshot(): T;
  /** Calls `listener` after each change; returns the unsubscribe function (idempotent). */
  subscribe(listener: StoreListener): () => void;
  /**
   * Replaces the state with what `updater` returns. Returning the same reference means "nothing
   * changed": listeners are not called.
   */
  setState(updater: (state: T) => T): void;
}

/** Creates a {@link Store} holding `initial`. */
export function createStore<T>(initial: T): Store<T> {
  let state = initial;
  const listeners = new Set<StoreListener>();
  return {
    getSnapshot: () => state,
    subscribe(listener) {
      if (typeof listener !== 'function') throw new TypeError('subscribe expects a function');
      // A wrapper per call, so subscribing the same function twice needs two unsubscribes.
      const entry: StoreListener = () => listener();
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
      };
    },
    setState(updater) {
      const next = updater(state);
      if (Object.is(next, state)) return;
      state = next;
      // A copy: a listener that unsubscribes (or subscribes) during the loop must not skip others.
      for (const listener of [...listeners]) listener();
    },
  };
}

/**
 * Returns `base` with `patch` applied, or `base` itself when every patched key already holds the
 * same value: the building block of structural sharing.
 */
export function patchObject<T extends object>(base: T, patch: Partial<T>): T {
  for (const key of Object.keys(patch) as (keyof T)[]) {
    if (!Object.is(base[key], patch[key])) return { ...base, ...patch };
  }
  return base;
}

/** Returns `record` with `key` set to `value`, or `record` itself when nothing changes. */
export function setEntry<V>(
  record: Readonly<Record<string, V>>,
  key: string,
  value: V,
): Readonly<Record<string, V>> {
  if (Object.prototype.hasOwnProperty.call(record, key) && Object.is(record[key], value)) {
    return record;
  }
  return { ...record, [key]: value };
}

/** Returns `record` without `key`, or `record` itself when `key` is absent. */
export function removeEntry<V>(
  record: Readonly<Record<string, V>>,
  key: string,
): Readonly<Record<string, V>> {
  if (!Object.prototype.hasOwnProperty.call(record, key)) return record;
  const { [key]: _removed, ...rest } = record;
  return rest;
}
