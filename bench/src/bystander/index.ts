// Part 8 of issue #19: a bystander under abuse. Pairs of users chat at a modest rate while one
// user floods `message:send`, invalid then valid, at the server's default rate limits; the
// bystanders' latency without the flood is the baseline, measured on the same server and sockets.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type RunningChatServer, startChatServer } from '../load/chat-server-process';
import { createStorage } from '../load/databases';
import type { DatabaseName, Load } from '../load/types';
import { machineInfo } from '../report/machine';
import { bystanderMethod } from './method';
import { type PhasePlan, runPhases } from './phases';
import { bystanderText } from './report';
import type { BystanderReport, FloodSetting } from './types';

export { writeBystanderReport } from './report';
export type { BystanderReport } from './types';

export interface BystanderBenchOptions {
  quick: boolean;
  /** PostgreSQL server for the chat server (a fresh database); PGlite in memory without it. */
  databaseUrl?: string;
  log: (line: string) => void;
}

/** 50 pairs at 100 msg/s in all: 1 msg/s per user, far inside the default 20 per 10 s. */
const PAIRS = 50;
const RATE = 100;
const FLOODS: readonly FloodSetting[] = ['none', 'invalid', 'valid'];
/** Sends the flooder keeps unanswered: a client that pipelines without waiting, not a DoS farm. */
export const FLOOD_WINDOW = 256;
/** The server's defaults (its config.ts) with RATE_LIMIT_MESSAGES and _WINDOW_MS unset. */
const DEFAULT_RATE_LIMIT = 'server default (20 messages per user per 10 s)';

export async function runBystanderBench(options: BystanderBenchOptions): Promise<BystanderReport> {
  const load: Load = { sockets: PAIRS * 2, rate: RATE, durationS: options.quick ? 5 : 20 };
  const drainMs = 5_000;
  const database: DatabaseName = options.databaseUrl ? 'postgresql' : 'pglite-memory';
  const date = new Date().toISOString();
  const tmpDir = await mkdtemp(path.join(os.tmpdir(), 'causette-bystander-'));
  const plan: PhasePlan = {
    floods: FLOODS,
    load,
    workers: 2,
    window: FLOOD_WINDOW,
    setupTimeoutMs: 60_000,
    drainMs,
    pauseMs: options.quick ? 250 : 2_000,
  };
  let storage;
  let starting: Promise<RunningChatServer> | undefined;
  let keepLogs = false;
  try {
    storage = await createStorage(database, tmpDir, options.databaseUrl);
    options.log(
      `Bystander: ${PAIRS} pairs at ${RATE} msg/s, ${load.durationS} s per phase: ` +
        `${FLOODS.join(', ')}, chat server on ${database}…`,
    );
    starting = startChatServer({
      storageEnv: storage.env,
      uploadDir: path.join(tmpDir, 'uploads'),
      logFile: path.join(tmpDir, 'chat-server.log'),
      // The point is to see the limiter work: the server's own limit, not the load benchmark's.
      rateLimitMessages: 'server-default',
    });
    // A server that fails to start fails every phase, with its log's tail as the reason.
    starting.catch(() => undefined);
    const series = await runPhases(starting, plan, options.log);
    keepLogs = series.some((one) => one.failure);
    const report: BystanderReport = {
      date,
      machine: machineInfo(),
      method: bystanderMethod(load, FLOOD_WINDOW, drainMs),
      database,
      load,
      rateLimit: DEFAULT_RATE_LIMIT,
      floodWindow: FLOOD_WINDOW,
      series,
    };
    options.log(bystanderText(report));
    return report;
  } catch (error) {
    keepLogs = true;
    throw error;
  } finally {
    await starting?.then((server) => server.stop()).catch(() => undefined);
    await storage?.dispose();
    // The server's log is all that explains a failed phase: keep it then.
    if (keepLogs) options.log(`Server log kept in ${tmpDir}`);
    else await rm(tmpDir, { recursive: true, force: true });
  }
}
