import { CONNECT_LINGER_MS, GroupRunner } from './group-runner';

/**
 * A lookup of lists by key (a user's contacts, a conversation's members) that answers the keys
 * asked together with one query. `fetch` gets distinct keys and returns `[key, value]` pairs; a
 * key it says nothing of gets an empty list. Each caller gets an array of its own, so one may sort
 * or filter it without touching another's. It lingers under load as the connect path does.
 */
export function createBatchedLookup<V>(
  fetch: (keys: string[]) => Promise<Array<readonly [string, V]>>,
  maxGroup: number,
): (key: string) => Promise<V[]> {
  const runner = new GroupRunner<string, V[]>(
    async (keys) => {
      const distinct = [...new Set(keys)];
      const lists = new Map<string, V[]>(distinct.map((key) => [key, []]));
      for (const [key, value] of await fetch(distinct)) lists.get(key)?.push(value);
      return keys.map((key) => ({ status: 'fulfilled', value: [...(lists.get(key) ?? [])] }));
    },
    { maxGroup, lingerMs: CONNECT_LINGER_MS },
  );
  return (key) => runner.run(key);
}
