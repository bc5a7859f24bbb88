import type { PairLink } from './pair-link';
import type { PlannedSend } from './schedule';
import type { Tally } from './tally';

export interface ScheduleRun {
  /** This worker's sends, in due order. */
  plan: readonly PlannedSend[];
  links: ReadonlyMap<number, PairLink>;
  tally: Tally;
  /** performance.now() at the schedule's time zero. */
  startAt: number;
  drainMs: number;
  /** The message key of global message `index` (its clientId on the chat server). */
  keyOf: (index: number) => string;
}

/**
 * Sends every message at its due time, however late the previous ones went (open loop), then
 * waits until everything sent is delivered and acked, or until `drainMs` after the last due time.
 */
export function runSchedule(run: ScheduleRun): Promise<void> {
  const { plan, links, tally, startAt, drainMs, keyOf } = run;
  const lastDue = startAt + (plan.at(-1)?.dueMs ?? 0);
  let next = 0;
  return new Promise<void>((resolve) => {
    const drain = () => {
      if (tally.settled || performance.now() >= lastDue + drainMs) resolve();
      else setTimeout(drain, 20);
    };
    const pump = () => {
      const now = performance.now();
      for (let send = plan[next]; send && startAt + send.dueMs <= now; send = plan[++next]) {
        const key = keyOf(send.index);
        tally.sent(key, startAt + send.dueMs);
        links.get(send.pair)?.send(send.fromA, key);
      }
      const upcoming = plan[next];
      if (upcoming) setTimeout(pump, Math.max(0, startAt + upcoming.dueMs - performance.now()));
      else drain();
    };
    pump();
  });
}
