// Shapes shared by the latency benchmark's parent, its workers and its report.

/** One load level: how many sockets (two per pair) and how many messages per second in total. */
export interface Load {
  sockets: number;
  /** Messages per second over all pairs together. */
  rate: number;
  /** How long sends are scheduled for, in seconds. */
  durationS: number;
}

/** Which server a series talks to. */
export type TargetKind = 'relay' | 'causette';

/** The name a series has in the report: the relay is the baseline. */
export type SeriesName = 'baseline' | 'causette';

/** The storage behind the causette server in a run. */
export const DATABASE_NAMES = ['pglite-memory', 'pglite-disk', 'postgresql'] as const;
export type DatabaseName = (typeof DATABASE_NAMES)[number];

/** Latency percentiles in ms; null when nothing was delivered. */
export interface LatencySummary {
  p50: number | null;
  p99: number | null;
  p999: number | null;
  max: number | null;
}

/** Counts of one series, summed over the generator's workers. */
export interface Counts {
  sent: number;
  acked: number;
  delivered: number;
  lost: number;
  doubled: number;
  disconnects: number;
  /** Final acks with `ok: false`, by error code. */
  errors: Record<string, number>;
  /** Transient refusals the generator retried (only in series run with retries). */
  refusals: number;
}

export interface SeriesResult extends LatencySummary, Counts {
  name: SeriesName;
  /** CPU time of the generator's workers over the measured phase, in % of one core (summed). */
  generatorCpuPercent: number;
  /**
   * CPU time of the server under load over the same phase, in % of one core; absent where the
   * server's process cannot be read (not on Linux, or not started by the benchmark).
   */
  serverCpuPercent?: number;
  /** Set when the series could not be measured (set-up failed, a worker died...). */
  failure?: string;
}

export interface RunResult {
  load: Load;
  database: DatabaseName;
  series: SeriesResult[];
}

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  totalMemGiB: number;
  node: string;
}

/** What `bench/results/latency.json` holds. */
export interface LatencyReport {
  date: string;
  machine: MachineInfo;
  method: string;
  runs: RunResult[];
}
