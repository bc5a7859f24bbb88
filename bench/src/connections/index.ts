// Part 3 of issue #19: heap and RSS per idle authenticated socket, and the time to accept them,
// on the chat server beside the plain socket.io relay, in the same run.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startChatServer } from '../load/chat-server-process';
import { createStorage } from '../load/databases';
import { startRelay } from '../load/relay-process';
import type { DatabaseName } from '../load/types';
import { machineInfo } from '../report/machine';
import { type SeriesPlan, type SeriesSpec, measureSeries } from './measure';
import { connectionsMethod } from './method';
import { checkOpenFiles } from './open-files';
import { connectionsText } from './report';
import type { ConnectionsReport } from './types';

export { writeConnectionsReport } from './report';
export type { ConnectionsReport } from './types';

export interface ConnectionsBenchOptions {
  quick: boolean;
  /** PostgreSQL server for the chat server (a fresh database); PGlite in memory without it. */
  databaseUrl?: string;
  /** Instead of the quick or full run's count. */
  sockets?: number;
  log: (line: string) => void;
}

export const FULL_SOCKETS = 10_000;
export const QUICK_SOCKETS = 500;
/** No run opens more: the server holds one descriptor per socket, limits are per process. */
export const MAX_SOCKETS = 15_000;
/** Client processes: a full run's 10,000 sockets are 2,500 each; a quick run saves two starts. */
const FULL_WORKERS = 4;
const QUICK_WORKERS = 2;
/** Handshakes in flight per worker: the chat server's admission queue (1,024) is never full. */
const CONCURRENCY = 50;
export const GOAL_HEAP_PER_SOCKET_KIB = 16;

function chatServerSpec(
  database: DatabaseName,
  tmpDir: string,
  databaseUrl: string | undefined,
): SeriesSpec {
  return {
    name: 'causette',
    kind: 'causette',
    async start(probe) {
      const storage = await createStorage(database, tmpDir, databaseUrl);
      try {
        const server = await startChatServer({
          storageEnv: storage.env,
          uploadDir: path.join(tmpDir, 'uploads'),
          logFile: path.join(tmpDir, 'chat-server.log'),
          execArgv: probe.execArgv,
          env: probe.env,
        });
        return {
          url: server.url,
          pid: server.pid,
          jwtSecret: server.jwtSecret,
          stop: () => server.stop().finally(() => storage.dispose()),
        };
      } catch (error) {
        await storage.dispose();
        throw error;
      }
    },
  };
}

const relaySpec: SeriesSpec = {
  name: 'baseline',
  kind: 'relay',
  async start(probe) {
    const relay = await startRelay({ execArgv: probe.execArgv, env: probe.env });
    return { url: relay.url, pid: relay.pid, stop: () => relay.stop() };
  },
};

/** Measures the relay, then the chat server; logs the table at the end. */
export async function runConnectionsBench(
  options: ConnectionsBenchOptions,
): Promise<ConnectionsReport> {
  const sockets = options.sockets ?? (options.quick ? QUICK_SOCKETS : FULL_SOCKETS);
  const workers = options.quick ? QUICK_WORKERS : FULL_WORKERS;
  if (!Number.isInteger(sockets) || sockets < workers || sockets > MAX_SOCKETS) {
    throw new Error(`sockets must be an integer in ${workers}..${MAX_SOCKETS}`);
  }
  checkOpenFiles(sockets);
  const database: DatabaseName = options.databaseUrl ? 'postgresql' : 'pglite-memory';
  const settleMs = options.quick ? 500 : 3_000;
  const date = new Date().toISOString();
  const tmpDir = await mkdtemp(path.join(os.tmpdir(), 'causette-connections-'));
  const plan: SeriesPlan = {
    sockets,
    workers,
    concurrency: CONCURRENCY,
    connectTimeoutMs: options.quick ? 30_000 : 300_000,
    settleMs,
    tmpDir,
  };
  const report: ConnectionsReport = {
    date,
    machine: machineInfo(),
    method: connectionsMethod(settleMs),
    database,
    sockets,
    workers,
    concurrency: CONCURRENCY,
    goalHeapPerSocketKiB: GOAL_HEAP_PER_SOCKET_KIB,
    series: [],
  };
  let failed = false;
  try {
    for (const spec of [relaySpec, chatServerSpec(database, tmpDir, options.databaseUrl)]) {
      options.log(`Connections: ${sockets} idle sockets on the ${spec.kind}…`);
      const series = await measureSeries(spec, plan);
      failed ||= series.failure !== undefined;
      report.series.push(series);
    }
    options.log(connectionsText(report));
  } finally {
    // The chat server's log is all that explains a failed series: keep it then.
    if (failed) options.log(`Server log kept in ${tmpDir}`);
    else await rm(tmpDir, { recursive: true, force: true });
  }
  return report;
}
