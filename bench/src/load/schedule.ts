// The open-loop schedule: every message has a due time fixed before the run starts, so a send that
// goes out late (a busy generator, a server that pushes back) shows up in the latency instead of
// quietly lowering the offered rate as a closed loop would.
import type { Load } from './types';

/** One message of the schedule. */
export interface PlannedSend {
  /** Global message number, 0-based, unique in the run. */
  index: number;
  pair: number;
  /** Whether user A of the pair sends (B otherwise). */
  fromA: boolean;
  /** Milliseconds after the run's start. */
  dueMs: number;
}

/** Pairs of sockets in a load: one sender and one receiver at a time. */
export function pairCount(load: Load): number {
  return Math.floor(load.sockets / 2);
}

/** Messages of the whole run. */
export function messageCount(load: Load): number {
  return Math.floor(load.rate * load.durationS);
}

/**
 * The sends of the pairs `owns` accepts, in due order. Message k is due at k / rate seconds and
 * goes to pair k mod pairs, so the total rate is even over time and every pair sends at the same
 * pace; its direction alternates from one round over the pairs to the next so both users send.
 */
export function planSends(load: Load, owns: (pair: number) => boolean): PlannedSend[] {
  const pairs = pairCount(load);
  if (pairs === 0) return [];
  const total = messageCount(load);
  const plan: PlannedSend[] = [];
  for (let index = 0; index < total; index++) {
    const pair = index % pairs;
    if (!owns(pair)) continue;
    const round = Math.floor(index / pairs);
    plan.push({ index, pair, fromA: round % 2 === 0, dueMs: (index * 1000) / load.rate });
  }
  return plan;
}

/** Pair numbers dealt round-robin to `workers` workers (a worker may get none for tiny loads). */
export function assignPairs(pairs: number, workers: number): number[][] {
  const shares: number[][] = Array.from({ length: workers }, () => []);
  for (let pair = 0; pair < pairs; pair++) shares[pair % workers]?.push(pair);
  return shares;
}
