// Shapes of the connections benchmark's results and report.
import type { MachineInfo } from '../load/types';
import type { MemorySample } from './memory-probe';

/** The relay is the baseline. */
export type ConnectionsSeriesName = 'baseline' | 'causette';

/** How long the sockets took to be accepted, as the clients saw it. */
export interface AcceptSummary {
  connected: number;
  /** Sockets that could not connect before the deadline. */
  failed: number;
  /** From the start of the connect phase to the last socket in, ms. */
  totalMs: number | null;
  /** Sockets accepted per second over that time. */
  perSecond: number | null;
  /** Connect latency of one socket (first connect() to `connect`, retries included), ms. */
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  /** connect_error events by code, e.g. the chat server's OVERLOADED when its queue is full. */
  connectErrors: Record<string, number>;
  /** CPU time of the client workers over the connect phase, in % of one core (summed). */
  clientCpuPercent: number;
}

export interface ConnectionsSeries extends AcceptSummary {
  name: ConnectionsSeriesName;
  target: 'relay' | 'chat server';
  /** Sockets asked for. */
  sockets: number;
  /** The server's memory after a full GC, before any measured socket and with them all open. */
  idle: MemorySample | null;
  loaded: MemorySample | null;
  /** (loaded − idle) / connected, KiB. */
  heapPerSocketKiB: number | null;
  rssPerSocketKiB: number | null;
  /** Idle sockets that dropped between their connect and the second reading. */
  disconnects: number;
  /** Set when the series could not be measured. */
  failure?: string;
}

/** What `connections.json` holds. */
export interface ConnectionsReport {
  date: string;
  machine: MachineInfo;
  method: string;
  /** The chat server's storage. */
  database: string;
  sockets: number;
  workers: number;
  /** Handshakes in flight at once per worker. */
  concurrency: number;
  /** The goal of issue #19: under this many KiB of heap per idle authenticated socket. */
  goalHeapPerSocketKiB: number;
  series: ConnectionsSeries[];
}
