import { randomUUID } from 'node:crypto';
import type { Store } from './store';

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
