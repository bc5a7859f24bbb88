// Shapes of the bystander benchmark's results and report.
import type { Counts, Load, MachineInfo, SeriesName } from '../load/types';
import type { FloodKind, FloodResult } from './messages';

/** The flood a phase runs beside the bystanders. */
export type FloodSetting = 'none' | FloodKind;

/** What the flooder did during a phase, with its rate and CPU worked out. */
export interface FlooderSummary extends FloodResult {
  /** Answers per second over the flood. */
  answersPerSecond: number;
  /** The flooder process's CPU over the flood, in % of one core. */
  cpuPercent: number;
}

/** The bystanders' figures in one phase; latencies in ms from each message's due time. */
export interface BystanderSeries extends Counts {
  /** `baseline`: no flood; `causette`: the same chat beside a flood. */
  name: SeriesName;
  flood: FloodSetting;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  p999: number | null;
  max: number | null;
  /** The bystanders' generator processes, in % of one core (summed). */
  generatorCpuPercent: number;
  /** The chat server's process over the phase, in % of one core; null where /proc is missing. */
  serverCpuPercent: number | null;
  flooder?: FlooderSummary;
  failure?: string;
}

/** What `bystander.json` holds. */
export interface BystanderReport {
  date: string;
  machine: MachineInfo;
  method: string;
  database: string;
  /** The bystanders' load: sockets (two per pair), total msg/s, seconds per phase. */
  load: Load;
  /** The chat server's per-user message limit, as it ran. */
  rateLimit: string;
  /** Requests the flooder keeps unanswered at once. */
  floodWindow: number;
  series: BystanderSeries[];
}
