// The loads of a full and a quick run, and the caps no run may exceed whatever it is given.
import type { DatabaseName, Load } from './types';

export const FULL_LOADS: readonly Load[] = [
  { sockets: 200, rate: 200, durationS: 20 },
  { sockets: 1_000, rate: 500, durationS: 20 },
  { sockets: 2_000, rate: 1_000, durationS: 20 },
];

export const QUICK_LOADS: readonly Load[] = [{ sockets: 200, rate: 200, durationS: 5 }];

/** Caps that hold for every run: the benchmark must never turn into an unbounded load test. */
export const LIMITS = {
  maxSockets: 4_000,
  maxRate: 10_000,
  maxDurationS: 60,
} as const;

/** Timings of one series. */
export interface SeriesTimings {
  /** After the last due time, how long a message may still arrive before it counts as lost. */
  drainMs: number;
  /** Connecting every socket and opening every conversation must fit in this. */
  setupTimeoutMs: number;
}

export const TIMINGS: SeriesTimings = { drainMs: 5_000, setupTimeoutMs: 120_000 };

/** Generator processes per series: at least two, so one process's event loop is not the limit. */
export const WORKERS = 2;

/** Throws when a load is outside {@link LIMITS}. */
export function checkLoad(load: Load): void {
  const problems: string[] = [];
  if (!Number.isInteger(load.sockets) || load.sockets < 2 || load.sockets > LIMITS.maxSockets) {
    problems.push(`sockets must be an integer in 2..${LIMITS.maxSockets}`);
  }
  if (!(load.rate > 0 && load.rate <= LIMITS.maxRate)) {
    problems.push(`rate must be in (0, ${LIMITS.maxRate}] msg/s`);
  }
  if (!(load.durationS > 0 && load.durationS <= LIMITS.maxDurationS)) {
    problems.push(`durationS must be in (0, ${LIMITS.maxDurationS}]`);
  }
  if (problems.length > 0) throw new Error(`Load out of bounds: ${problems.join('; ')}`);
}

/** Throws unless `url` points at the loopback address: the generator only ever loads this machine. */
export function checkLoopback(url: string): void {
  if (new URL(url).hostname !== '127.0.0.1') {
    throw new Error(`The benchmark only sends to 127.0.0.1, not ${url}`);
  }
}

/** The databases a run covers: PGlite in memory always; the others on a full run. */
export function databasesFor(quick: boolean, databaseUrl: string | undefined): DatabaseName[] {
  if (quick) return ['pglite-memory'];
  return databaseUrl
    ? ['pglite-memory', 'pglite-disk', 'postgresql']
    : ['pglite-memory', 'pglite-disk'];
}
