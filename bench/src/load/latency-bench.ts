// The latency benchmark: for each load and database, the relay then the chat server, each started
// for that run alone, then the report.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { machineInfo } from '../report/machine';
import { HEADER, failureLines, runRows, textTable } from '../report/table';
import { startChatServer } from './chat-server-process';
import { createStorage } from './databases';
import { failedSeries } from './merge';
import { METHOD } from './method';
import { FULL_LOADS, QUICK_LOADS, checkLoad, databasesFor } from './plan';
import { startRelay } from './relay-process';
import { runSeries } from './run-series';
import type { DatabaseName, LatencyReport, Load, RunResult, SeriesResult } from './types';

export interface LatencyBenchOptions {
  quick: boolean;
  /** Instead of the full or quick run's loads. */
  loads?: readonly Load[];
  /** Instead of the full or quick run's databases. */
  databases?: readonly DatabaseName[];
  /** PostgreSQL server for the `postgresql` database (a fresh database per run). */
  databaseUrl?: string;
  log: (text: string) => void;
}

async function baseline(load: Load): Promise<SeriesResult> {
  let relay;
  try {
    relay = await startRelay();
    return await runSeries('baseline', { kind: 'relay', url: relay.url, pid: relay.pid }, load);
  } catch (error) {
    return failedSeries('baseline', (error as Error).message);
  } finally {
    await relay?.stop();
  }
}

async function causette(
  load: Load,
  database: DatabaseName,
  tmpDir: string,
  databaseUrl: string | undefined,
): Promise<SeriesResult> {
  let storage;
  let server;
  try {
    storage = await createStorage(database, tmpDir, databaseUrl);
    server = await startChatServer({
      storageEnv: storage.env,
      uploadDir: path.join(tmpDir, 'uploads'),
      logFile: path.join(tmpDir, `server-${database}-${load.sockets}x${load.rate}.log`),
    });
    const target = {
      kind: 'causette' as const,
      url: server.url,
      jwtSecret: server.jwtSecret,
      pid: server.pid,
    };
    return await runSeries('causette', target, load);
  } catch (error) {
    return failedSeries('causette', (error as Error).message);
  } finally {
    await server?.stop();
    await storage?.dispose().catch((error: unknown) => {
      console.error(`Could not remove the ${database} storage: ${String(error)}`);
    });
  }
}

/** Runs every load on every database; prints each run's table as it ends. */
export async function runLatencyBench(options: LatencyBenchOptions): Promise<LatencyReport> {
  const loads = options.loads ?? (options.quick ? QUICK_LOADS : FULL_LOADS);
  const databases = options.databases ?? databasesFor(options.quick, options.databaseUrl);
  for (const load of loads) checkLoad(load);
  const date = new Date().toISOString();
  const tmpDir = await mkdtemp(path.join(os.tmpdir(), 'causette-bench-'));
  const runs: RunResult[] = [];
  try {
    for (const load of loads) {
      for (const database of databases) {
        options.log(`\nLatency: ${load.sockets} sockets × ${load.rate} msg/s, ${database}…`);
        const run: RunResult = {
          load,
          database,
          series: [
            await baseline(load),
            await causette(load, database, tmpDir, options.databaseUrl),
          ],
        };
        runs.push(run);
        options.log(textTable(HEADER, runRows([run])));
        for (const line of failureLines([run])) options.log(`  failed: ${line}`);
      }
    }
  } finally {
    // The servers' logs are all that explains a failed series: keep them then.
    if (failureLines(runs).length > 0) options.log(`Server logs kept in ${tmpDir}`);
    else await rm(tmpDir, { recursive: true, force: true });
  }
  return { date, machine: machineInfo(), method: METHOD, runs };
}
