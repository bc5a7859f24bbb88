// Past capacity the server must degrade, not collapse: at twice the capacity the ramp found, for
// a while, it refuses what it cannot take (UNAVAILABLE, RATE_LIMITED with retryAfterMs), keeps
// every socket, and the senders' retries (as the core's outbox makes them) get every message
// stored and delivered once. Latency is not judged here: a backlog is what an overload is.
import type { Load, SeriesResult } from '../load/types';

export interface OverloadPlan {
  /** Offered rate as a multiple of the capacity. */
  factor: number;
  durationS: number;
  /** After the last due time, how long the retried backlog may take to get through. */
  drainMs: number;
}

export const FULL_OVERLOAD: OverloadPlan = { factor: 2, durationS: 20, drainMs: 120_000 };
export const QUICK_OVERLOAD: OverloadPlan = { factor: 2, durationS: 2, drainMs: 30_000 };

export interface OverloadRun {
  rate: number;
  durationS: number;
  series: SeriesResult;
  passed: boolean;
  /** Why not, when it did not pass. */
  miss?: string;
}

/** The load of the overload run: `plan.factor` × `capacity`, on the ramp's sockets. */
export function overloadLoad(capacity: number, sockets: number, plan: OverloadPlan): Load {
  return { sockets, rate: capacity * plan.factor, durationS: plan.durationS };
}

/** Why an overload run failed the bar (a socket dropped, a message lost, doubled, refused for good or unanswered), or undefined. */
export function overloadMiss(series: SeriesResult): string | undefined {
  if (series.failure) return `failed: ${series.failure}`;
  const refusedForGood = Object.values(series.errors).reduce((sum, count) => sum + count, 0);
  if (series.disconnects > 0) {
    return `${series.disconnects} socket${series.disconnects === 1 ? '' : 's'} dropped`;
  }
  if (series.lost > 0) return `${series.lost} never delivered`;
  if (series.doubled > 0) return `${series.doubled} doubled`;
  if (refusedForGood > 0) return `${refusedForGood} refused for good`;
  if (series.acked < series.sent) return `${series.sent - series.acked} unanswered`;
  return undefined;
}

/** Runs the overload on a running server; `measure` sends with retries and the plan's drain. */
export async function runOverload(
  capacity: number,
  sockets: number,
  plan: OverloadPlan,
  measure: (load: Load, options: { retryRefused: true; drainMs: number }) => Promise<SeriesResult>,
): Promise<OverloadRun> {
  const load = overloadLoad(capacity, sockets, plan);
  const series = await measure(load, { retryRefused: true, drainMs: plan.drainMs });
  const miss = overloadMiss(series);
  return {
    rate: load.rate,
    durationS: load.durationS,
    series,
    passed: miss === undefined,
    ...(miss ? { miss } : {}),
  };
}
