// The final count over a worker's core clients: what each store holds of what it expects, and
// enough about stragglers and lost messages to tell why.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { ChatClient, ChatState } from '@causette/core';
import type { BackTracker, StormTally } from './back-tracker';
import { type StoreCount, countInStore, queuedIn } from './store-count';

export interface StormUser {
  client: ChatClient;
  conversationId: string;
  /** The clientIds this user's store must hold: its own and its peer's. */
  expected: Set<string>;
}

/** Straggler and lost-message descriptions kept per worker for the report. */
const MAX_DESCRIBED = 3;

export function isConnected(state: ChatState): boolean {
  return state.connection.status === 'connected';
}

function describeStraggler(state: ChatState, count: StoreCount): string {
  const { status, attempt, lastError, nextRetryAt } = state.connection;
  const retry = nextRetryAt === undefined ? '' : `, next retry in ${nextRetryAt - Date.now()} ms`;
  const error = lastError ? `, last error ${lastError.code}: ${lastError.message}` : '';
  return `${state.user?.userId ?? '?'} ${status} (attempt ${attempt}${error}${retry}); missing ${count.missing}, unsent ${count.unsent}`;
}

/** Where a message its connected peer lacks stands on both sides. */
function describeLost(peer: StormUser, clientId: string, sender: StormUser | undefined): string {
  const peerState = peer.client.getSnapshot();
  const window = peerState.messages[peer.conversationId];
  const seqs = window?.sent.map((m) => m.seq) ?? [];
  const held = window?.held.map((m) => m.seq) ?? [];
  const senderState = sender?.client.getSnapshot();
  const atSender = senderState?.messages[sender?.conversationId ?? '']?.sent.find(
    (m) => m.clientId === clientId,
  );
  const senderSide = atSender
    ? `stored as seq ${atSender.seq} in its sender's store (${senderState?.connection.status})`
    : `absent from its sender's store and outbox (${senderState?.connection.status ?? '?'})`;
  return `lost: ${clientId} ${senderSide}; peer ${peerState.user?.userId ?? '?'} connected, holds seqs [${seqs.join(',')}] held [${held.join(',')}]`;
}

export function tallyCoreUsers(
  users: readonly StormUser[],
  tracker: BackTracker,
  senderOf: ReadonlyMap<string, StormUser>,
): StormTally {
  const total: StormTally = {
    expected: 0,
    lost: 0,
    doubled: 0,
    unsent: 0,
    notReconnected: 0,
    reconnectedMissing: 0,
    stragglers: [],
  };
  // A message its sender still holds was not sent yet: late, not lost.
  const stillQueued = new Set(users.flatMap((user) => queuedIn(user.client.getSnapshot())));
  const lostLines: string[] = [];
  users.forEach((user, index) => {
    const state = user.client.getSnapshot();
    const count = countInStore(state, user.conversationId, user.expected, stillQueued);
    total.expected += user.expected.size;
    total.doubled += count.doubled;
    total.unsent += count.unsent;
    // A client still offline has not had its chance: its missing messages are not lost yet.
    if (isConnected(state) && count.lost > 0) {
      total.lost += count.lost;
      const held = new Set(state.messages[user.conversationId]?.sent.map((m) => m.clientId));
      for (const clientId of user.expected) {
        if (held.has(clientId) || stillQueued.has(clientId) || lostLines.length >= MAX_DESCRIBED)
          continue;
        lostLines.push(describeLost(user, clientId, senderOf.get(clientId)));
      }
    }
    if (tracker.backAt[index] !== null) return;
    if (isConnected(state)) total.reconnectedMissing++;
    else total.notReconnected++;
    if (total.stragglers.length < MAX_DESCRIBED) {
      total.stragglers.push(describeStraggler(state, count));
    }
  });
  total.stragglers.push(...lostLines);
  return total;
}
