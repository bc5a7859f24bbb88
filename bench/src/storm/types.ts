// Shapes shared by the storm benchmark's parent, its client workers and its report.
import type { MachineInfo } from '../load/types';

/** Which server a storm hits: the plain relay (baseline) or the reference chat server. */
export type StormTarget = 'relay' | 'causette';

/** The name a series has in the report: the relay is the baseline. */
export type StormSeriesName = 'baseline' | 'causette';

/** Size and bounds of one storm. */
export interface StormPlan {
  /** Clients in all (two per pair, both users of a pair in the same worker). */
  clients: number;
  /** Worker processes holding the clients. */
  workers: number;
  /** How long the server stays down at least (from the kill to the restart's spawn), ms. */
  downMs: number;
  /** From the restarted server listening: a client not back by then is left behind, ms. */
  boundMs: number;
  /** Connecting every client, opening and filling the conversations, ms. */
  setupTimeoutMs: number;
  /**
   * Past the bound, how long stragglers may still come back before the final count, ms: a client
   * still offline is left behind, not a loss, and what it misses is counted only if it came back.
   */
  drainMs: number;
}

/** Times of the clients from the restarted server listening again, ms; null: not reached. */
export interface BackSummary {
  /** Time until 50/95/99 % of the clients were back (null: that share was never reached). */
  p50: number | null;
  p95: number | null;
  p99: number | null;
  /** Time until every client was back (null when some were left behind). */
  max: number | null;
  /** Clients not back within the bound. */
  leftBehind: number;
}

/** Event-loop delay of the restarted server, from its own monitor (perf_hooks), in ms. */
export interface LoopDelaySummary {
  /** The longest delay seen in the window. */
  maxMs: number;
  /** The worst p99 of the 250 ms intervals of the window. */
  worstIntervalP99Ms: number;
  /** The mean delay over the window's intervals. */
  meanMs: number;
  intervals: number;
}

/** `/healthz` answers seen by a probe of the benchmark during the storm (one at a time), ms. */
export interface HealthSummary {
  requests: number;
  /** Errors and requests unanswered within 30 s. */
  failed: number;
  p50: number | null;
  max: number | null;
}

export interface StormSeries {
  name: StormSeriesName;
  clients: number;
  /** Kill to the restarted server listening (its port accepts TCP), ms. */
  outageMs: number;
  /** Spawn to listening of the restarted server, ms. */
  restartMs: number;
  /**
   * Listening to the first `/healthz` answered (it touches no database: a long time means a
   * starved event loop); null when it had not answered by the end.
   */
  healthzAfterListenMs: number | null;
  /** Reconnected (socket connected again). */
  reconnected: BackSummary;
  /** Back: reconnected and every expected message in the store (the relay: reconnected). */
  back: BackSummary;
  /** Server RSS with every client connected, before the kill, MiB. */
  rssBeforeMiB: number | null;
  /** Peak server RSS from the restart to the end of the storm, MiB. */
  peakRssMiB: number | null;
  loopDelay: LoopDelaySummary | null;
  /** `/healthz` from the benchmark, from the server listening to the end of the storm. */
  health: HealthSummary | null;
  /** Messages the clients had to end up holding (each counted once per client that expects it). */
  expected: number;
  /**
   * Of those, missing at the end from the store of a client that is connected again, though no
   * outbox holds them any more (a message its offline sender still holds is late, not lost).
   */
  lost: number;
  /** Extra stored copies of a message (same clientId, another id) seen in the stores. */
  doubled: number;
  /** Messages still in an outbox at the end (pending or failed). */
  unsent: number;
  /** At the end of the drain: clients never reconnected, and reconnected but missing messages. */
  notReconnected: number;
  reconnectedMissing: number;
  /** Failed connection attempts of the clients since the kill, by error. */
  attemptErrors: { whileDown: Record<string, number>; afterRestart: Record<string, number> };
  /** A few stragglers' states (status, attempt, last error), to tell why they are late. */
  stragglers: string[];
  /** Queued while the server was down (by the offline subset). */
  queuedOffline: number;
  /** Client CPU over the storm (all workers, % of one core). */
  clientCpuPercent: number;
  /** Epoch ms of the kill, the restart listening, its first /healthz answer, the final count. */
  timeline?: { killAt: number; listenAt: number; healthyAt: number | null; endAt: number };
  failure?: string;
}

/** The reconnect policy the clients run with, as a user gets it. */
export interface ReconnectPolicy {
  causette: string;
  baseline: string;
}

/** What `storm.json` holds. */
export interface StormReport {
  date: string;
  machine: MachineInfo;
  method: string;
  database: string;
  plan: StormPlan;
  reconnectPolicy: ReconnectPolicy;
  series: StormSeries[];
}
