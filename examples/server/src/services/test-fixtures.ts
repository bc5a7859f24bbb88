import { randomUUID } from 'node:crypto';
import type { Db } from '../db/connection';
import type { Store } from './store';

/** Where drizzle starts a statement: raw SQL, a query builder, or a transaction. */
const STATEMENT_STARTS = new Set<PropertyKey>([
  'execute',
  'select',
  'selectDistinct',
  'insert',
  'update',
  'delete',
  'transaction',
]);

/** The database with its statements counted, to see how many some work took (none, say). */
export function counting(db: Db): { db: Db; statements: () => number } {
  let statements = 0;
  const counted = new Proxy(db, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (!STATEMENT_STARTS.has(property) || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        statements += 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { db: counted, statements: () => statements };
}

/** Unique user ids per test, so tests sharing one database never see each other's data. */
export function userIds<const N extends string[]>(...names: N): { [K in keyof N]: string } {
  const run = randomUUID().slice(0, 8);
  return names.map((name) => `${name}-${run}`) as { [K in keyof N]: string };
}

/** Creates the users and a conversation between them (the first one opens it). */
export async function conversationBetween(
  store: Store,
  ids: readonly string[],
  subjectId?: string,
) {
  for (const id of ids) await store.users.upsert({ id, displayName: id });
  const [caller, ...others] = ids as [string, ...string[]];
  const { conversation } = await store.conversations.open(caller, {
    participantIds: others,
    subject: subjectId
      ? { type: 'listing', id: subjectId, title: `Listing ${subjectId}` }
      : undefined,
  });
  return conversation.id;
}

export const text = (conversationId: string, content: string, clientId = randomUUID()) => ({
  clientId,
  conversationId,
  type: 'TEXT' as const,
  content,
});
