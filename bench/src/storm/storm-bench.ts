// The reconnect storm, both series in one run. Full: the chat server with @causette/core clients
// first (its outage, kill to ready again, is then known), then the relay with plain socket.io
// clients held down as long, so both sets of clients have backed off as far.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createStorage } from '../load/databases';
import { machineInfo } from '../report/machine';
import { STORM_METHOD, reconnectPolicy } from './method';
import { FULL_PLAN, QUICK_PLAN, checkPlan } from './plan';
import { failedSeries, runStormSeries } from './series';
import { startStormChatServer, startStormRelay } from './targets';
import type { StormPlan, StormReport, StormSeries } from './types';

export interface StormBenchOptions {
  quick: boolean;
  databaseUrl?: string;
  log: (line: string) => void;
  /** Overrides of the quick or full plan (the CLI's --clients). */
  plan?: Partial<StormPlan>;
}

export async function runStormBench(options: StormBenchOptions): Promise<StormReport> {
  const plan: StormPlan = { ...(options.quick ? QUICK_PLAN : FULL_PLAN), ...options.plan };
  checkPlan(plan);
  const { log } = options;
  const database = options.databaseUrl ? 'postgresql' : 'pglite-disk';
  const tmpDir = await mkdtemp(path.join(os.tmpdir(), 'bench-storm-'));
  const series: StormSeries[] = [];
  try {
    if (options.quick) {
      // A smoke run, inside `pnpm test`: the relay's storm runs while the chat server starts (its
      // fresh PGlite takes seconds), so the two overlap and their figures do not compare.
      series.push(
        ...(await Promise.all([
          baselineStorm(plan, plan.downMs, log),
          causetteStorm(plan, database, tmpDir, options),
        ])),
      );
    } else {
      const causette = await causetteStorm(plan, database, tmpDir, options);
      // The relay restarts in well under a second: hold it down until its outage matches.
      const holdDownMs = causette.failure ? plan.downMs : Math.max(plan.downMs, causette.outageMs);
      series.push(await baselineStorm(plan, holdDownMs, log), causette);
    }
  } finally {
    // BENCH_STORM_KEEP=1 keeps the server's log and event-loop records (and PGlite's folder).
    if (process.env.BENCH_STORM_KEEP) log(`kept ${tmpDir}`);
    else await rm(tmpDir, { recursive: true, force: true });
  }
  return {
    date: new Date().toISOString(),
    machine: machineInfo(),
    method: STORM_METHOD,
    database,
    plan,
    reconnectPolicy: reconnectPolicy(),
    series,
  };
}

async function causetteStorm(
  plan: StormPlan,
  database: 'postgresql' | 'pglite-disk',
  tmpDir: string,
  options: StormBenchOptions,
): Promise<StormSeries> {
  const storage = await createStorage(database, tmpDir, options.databaseUrl);
  try {
    const server = await startStormChatServer({ storageEnv: storage.env, tmpDir });
    return await runStormSeries(server, {
      name: 'causette',
      target: 'causette',
      plan,
      holdDownMs: plan.downMs,
      log: options.log,
    });
  } catch (error) {
    return failedSeries('causette', plan.clients, (error as Error).message);
  } finally {
    await storage.dispose();
  }
}

async function baselineStorm(
  plan: StormPlan,
  outageMs: number,
  log: (line: string) => void,
): Promise<StormSeries> {
  try {
    const startedAt = Date.now();
    const relay = await startStormRelay();
    const startMs = Date.now() - startedAt;
    return await runStormSeries(relay, {
      name: 'baseline',
      target: 'relay',
      plan,
      holdDownMs: Math.max(0, outageMs - startMs),
      log,
    });
  } catch (error) {
    return failedSeries('baseline', plan.clients, (error as Error).message);
  }
}
