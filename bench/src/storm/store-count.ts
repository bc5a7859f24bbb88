// What a client's store holds of the messages it expects, read from its snapshot.
import type { ChatState } from '@causette/core';

export interface StoreCount {
  /** Expected clientIds with no stored message in the store. */
  missing: number;
  /** Of those, the ones `stillQueued` does not hold: the sender sent them, they never came. */
  lost: number;
  /** Stored messages beyond the first for one clientId (the server stored it twice). */
  doubled: number;
  /** Messages still in the outbox (pending, sending or failed). */
  unsent: number;
}

/** The clientIds still in this store's outbox (pending, sending or failed). */
export function queuedIn(state: ChatState): string[] {
  return Object.values(state.messages).flatMap((w) => w.pending.map((p) => p.clientId));
}

export function countInStore(
  state: ChatState,
  conversationId: string,
  expected: ReadonlySet<string>,
  stillQueued: ReadonlySet<string> = new Set(),
): StoreCount {
  const window = state.messages[conversationId];
  const seen = new Map<string, number>();
  for (const message of window?.sent ?? []) {
    seen.set(message.clientId, (seen.get(message.clientId) ?? 0) + 1);
  }
  let missing = 0;
  let lost = 0;
  for (const clientId of expected) {
    if (seen.has(clientId)) continue;
    missing++;
    if (!stillQueued.has(clientId)) lost++;
  }
  let doubled = 0;
  for (const copies of seen.values()) doubled += copies - 1;
  return { missing, lost, doubled, unsent: window?.pending.length ?? 0 };
}
