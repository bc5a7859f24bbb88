// Sizes, bounds and the scenario's fixed choices: who sends what, before and during the outage.
import type { StormPlan } from './types';

/** Quick: inside `pnpm test` (the whole benchmark under 30 s). Full: the 5,000 clients. */
export const QUICK_PLAN: StormPlan = {
  clients: 200,
  workers: 2,
  downMs: 1_000,
  boundMs: 5_000,
  setupTimeoutMs: 30_000,
  drainMs: 500,
};

export const FULL_PLAN: StormPlan = {
  clients: 5_000,
  workers: 4,
  downMs: 3_000,
  boundMs: 60_000,
  setupTimeoutMs: 300_000,
  drainMs: 30_000,
};

/** Caps checked before anything starts: load stays bounded whatever a caller passes. */
export const MAX_CLIENTS = 10_000;
export const MAX_BOUND_MS = 120_000;

export function checkPlan(plan: StormPlan): void {
  if (!Number.isInteger(plan.clients) || plan.clients < 2 || plan.clients > MAX_CLIENTS) {
    throw new Error(`clients must be an integer in [2, ${MAX_CLIENTS}]`);
  }
  if (!Number.isInteger(plan.workers) || plan.workers < 1 || plan.workers > 8) {
    throw new Error('workers must be an integer in [1, 8]');
  }
  if (plan.boundMs <= 0 || plan.boundMs > MAX_BOUND_MS) {
    throw new Error(`boundMs must be in (0, ${MAX_BOUND_MS}]`);
  }
}

/** Messages each user sends before the kill (so every client has a history to keep). */
export const MESSAGES_BEFORE = 1;
/** Messages each offline sender queues in its outbox while the server is down. */
export const MESSAGES_OFFLINE = 2;

/**
 * Which user of `pair` queues messages while the server is down: user A in one pair of four,
 * user B in another, nobody in the other two. A quarter of the clients queue, and half of them
 * (senders and their peers) have something to catch up on beyond reconnecting.
 */
export function offlineSender(pair: number): 'a' | 'b' | undefined {
  if (pair % 4 === 0) return 'a';
  if (pair % 4 === 2) return 'b';
  return undefined;
}
