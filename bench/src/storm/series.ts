// One storm: clients connected through forked workers, the server SIGKILLed, held down, restarted
// on the same port, and every client timed until it is back. Never throws: a storm that cannot be
// measured comes back with `failure`.
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  TS_EXEC_ARGV,
  allAnswers,
  benchDir,
  endProcess,
  nextMessage,
  replyOfType,
  track,
} from '../load/processes';
import { assignPairs } from '../load/schedule';
import {
  type ParentMessage,
  type WorkerMessage,
  type WorkerStormResult,
  isWorkerMessage,
} from './ipc';
import { parseLoopDelay, summarizeLoopDelay } from './loop-delay';
import type { AttemptErrors } from './back-tracker';
import { type HealthProbe, probeHealth } from './health-probe';
import { waitListening } from './listening';
import { type RssSampler, kibToMiB, readRssKiB, sampleRss } from './proc-status';
import { relativeTo, summarizeBack } from './stats';
import type { SpawnedServer, StormServer } from './targets';
import type { StormPlan, StormSeries, StormSeriesName, StormTarget } from './types';

const workerEntry = path.join(import.meta.dirname, 'worker.ts');
/** Room for a worker's own start (tsx compiles on the fly) and its IPC beyond a phase's deadline. */
const SLACK_MS = 30_000;
/** How long the clients get to notice the kill (a cut TCP connection is seen at once). */
const NOTICE_MS = 15_000;
/** A fresh start of PGlite on a loaded machine takes tens of seconds; a restart no longer. */
const LISTEN_TIMEOUT_MS = 120_000;
/** Once the storm is counted, how long more the restarted server may take to answer /healthz. */
const HEALTHY_GRACE_MS = 60_000;

async function ask<T extends WorkerMessage['type']>(
  workers: ChildProcess[],
  message: (i: number) => ParentMessage,
  type: T,
  timeoutMs: number,
): Promise<Extract<WorkerMessage, { type: T }>[]> {
  const answers = workers.map((worker) =>
    nextMessage(worker, replyOfType(isWorkerMessage, type), timeoutMs, `worker ${type}`),
  );
  workers.forEach((worker, i) => worker.send(message(i)));
  return allAnswers(answers);
}

export interface StormSeriesOptions {
  name: StormSeriesName;
  target: StormTarget;
  plan: StormPlan;
  /** How long the server stays down from the kill to the restart's spawn, ms. */
  holdDownMs: number;
  log: (line: string) => void;
}

/** Runs the storm on `server` (already started); `server` and its restart are stopped at the end. */
export async function runStormSeries(
  first: StormServer,
  options: StormSeriesOptions,
): Promise<StormSeries> {
  const { plan, name, log } = options;
  const runTag = `s${randomBytes(4).toString('hex')}`;
  const shares = assignPairs(Math.floor(plan.clients / 2), plan.workers).filter((p) => p.length);
  const workers = shares.map(() =>
    track(
      fork(workerEntry, [], {
        cwd: benchDir,
        execArgv: TS_EXEC_ARGV,
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    ),
  );
  let current = first;
  let restarted: SpawnedServer | undefined;
  let rss: RssSampler | undefined;
  let health: HealthProbe | undefined;
  try {
    const setupStart = Date.now();
    await ask(
      workers,
      (i) => ({
        type: 'setup',
        target: options.target,
        url: first.url,
        ...(first.jwtSecret ? { jwtSecret: first.jwtSecret } : {}),
        pairs: shares[i] ?? [],
        runTag,
        deadlineEpochMs: setupStart + plan.setupTimeoutMs,
      }),
      'ready',
      plan.setupTimeoutMs + SLACK_MS,
    );
    log(`${name}: ${plan.clients} clients set up in ${Date.now() - setupStart} ms`);
    const rssBefore = await readRssKiB(first.pid);

    const killAt = Date.now();
    await first.kill();
    const queued = await ask(
      workers,
      () => ({ type: 'down', deadlineEpochMs: killAt + NOTICE_MS }),
      'queued',
      NOTICE_MS + SLACK_MS,
    );
    const stillConnected = queued.reduce((sum, q) => sum + q.stillConnected, 0);
    const queuedOffline = queued.reduce((sum, q) => sum + q.queued, 0);
    log(
      `${name}: killed; ${stillConnected} clients still looked connected, ${queuedOffline} queued`,
    );
    await new Promise((resolve) => setTimeout(resolve, killAt + options.holdDownMs - Date.now()));

    const spawnedAt = Date.now();
    const restart = restartWatched(first, (spawned) => {
      restarted = spawned;
      rss = sampleRss(spawned.pid);
    });
    const readyAt = await Promise.race([
      waitListening(Number(new URL(first.url).port), spawnedAt + LISTEN_TIMEOUT_MS),
      restart.failed,
    ]);
    log(
      `${name}: listening again ${readyAt - spawnedAt} ms after the restart (outage ${readyAt - killAt} ms)`,
    );
    if (first.hasHealthz) health = probeHealth(first.url);
    const results = await ask(
      workers,
      () => ({ type: 'restarted', drainEpochMs: readyAt + plan.boundMs + plan.drainMs }),
      'result',
      plan.boundMs + plan.drainMs + SLACK_MS,
    );
    const endAt = Date.now();
    const peakRss = rss?.stop();
    const healthSeen = (await health?.stop()) ?? null;
    current = (await restart.healthy(HEALTHY_GRACE_MS)) ?? current;
    const healthyAt = restart.healthyAt();
    const merged = results.map((r) => r.result);
    const times = (key: 'connectedAt' | 'backAt') =>
      relativeTo(
        readyAt,
        merged.flatMap((r) => r[key]),
        plan.boundMs,
      );
    return {
      name,
      clients: merged.reduce((sum, r) => sum + r.backAt.length, 0),
      outageMs: readyAt - killAt,
      restartMs: readyAt - spawnedAt,
      healthzAfterListenMs: healthyAt === undefined ? null : Math.max(0, healthyAt - readyAt),
      reconnected: summarizeBack(times('connectedAt')),
      back: summarizeBack(times('backAt')),
      rssBeforeMiB: kibToMiB(rssBefore),
      peakRssMiB: kibToMiB(peakRss),
      loopDelay: await loopDelayOf(current, readyAt, endAt),
      health: healthSeen,
      ...sumCounts(merged),
      stragglers: merged.flatMap((r) => r.stragglers),
      attemptErrors: mergeAttemptErrors(merged.map((r) => r.attemptErrors)),
      queuedOffline,
      clientCpuPercent: Math.round((sumOf(merged, 'cpuMs') / (endAt - killAt)) * 100),
      timeline: { killAt, listenAt: readyAt, healthyAt: healthyAt ?? null, endAt },
    };
  } catch (error) {
    return failedSeries(name, plan.clients, (error as Error).message);
  } finally {
    rss?.stop();
    await health?.stop();
    await Promise.all(workers.map((worker) => endProcess(worker, 'SIGTERM', 5_000)));
    await current.stop();
    await restarted?.kill();
    if (current !== first) await first.stop();
  }
}

interface WatchedRestart {
  /** Rejects when the restart fails; never resolves. */
  failed: Promise<never>;
  /** The restarted server once it answers, within `graceMs` more; undefined past it. */
  healthy(graceMs: number): Promise<StormServer | undefined>;
  healthyAt(): number | undefined;
}

/** Restarts `server` without waiting for its health: the storm starts when it listens. */
function restartWatched(
  server: StormServer,
  onSpawn: (spawned: SpawnedServer) => void,
): WatchedRestart {
  let healthyAt: number | undefined;
  const restarting = server.restart(onSpawn);
  void restarting.then(
    () => (healthyAt = Date.now()),
    () => undefined,
  );
  return {
    failed: restarting.then(() => new Promise<never>(() => undefined)),
    healthy: async (graceMs) => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), graceMs);
      });
      try {
        return await Promise.race([restarting, late]);
      } finally {
        clearTimeout(timer);
      }
    },
    healthyAt: () => healthyAt,
  };
}

type Counted =
  'expected' | 'lost' | 'doubled' | 'unsent' | 'notReconnected' | 'reconnectedMissing' | 'cpuMs';

function sumOf(results: WorkerStormResult[], key: Counted): number {
  return results.reduce((sum, r) => sum + r[key], 0);
}

function sumCounts(results: WorkerStormResult[]) {
  return {
    expected: sumOf(results, 'expected'),
    lost: sumOf(results, 'lost'),
    doubled: sumOf(results, 'doubled'),
    unsent: sumOf(results, 'unsent'),
    notReconnected: sumOf(results, 'notReconnected'),
    reconnectedMissing: sumOf(results, 'reconnectedMissing'),
  };
}

function mergeAttemptErrors(all: AttemptErrors[]): AttemptErrors {
  const merged: AttemptErrors = { whileDown: {}, afterRestart: {} };
  for (const errors of all) {
    for (const phase of ['whileDown', 'afterRestart'] as const) {
      for (const [key, count] of Object.entries(errors[phase])) {
        merged[phase][key] = (merged[phase][key] ?? 0) + count;
      }
    }
  }
  return merged;
}

async function loopDelayOf(server: StormServer, fromMs: number, toMs: number) {
  if (!server.loopDelayFile) return null;
  try {
    return summarizeLoopDelay(
      parseLoopDelay(await readFile(server.loopDelayFile, 'utf8')),
      fromMs,
      toMs,
    );
  } catch {
    return null;
  }
}

export function failedSeries(name: StormSeriesName, clients: number, failure: string): StormSeries {
  const none = { p50: null, p95: null, p99: null, max: null, leftBehind: clients };
  return {
    name,
    clients,
    outageMs: 0,
    restartMs: 0,
    healthzAfterListenMs: null,
    reconnected: none,
    back: none,
    rssBeforeMiB: null,
    peakRssMiB: null,
    loopDelay: null,
    health: null,
    expected: 0,
    lost: 0,
    doubled: 0,
    unsent: 0,
    notReconnected: 0,
    reconnectedMissing: 0,
    stragglers: [],
    attemptErrors: { whileDown: {}, afterRestart: {} },
    queuedOffline: 0,
    clientCpuPercent: 0,
    failure,
  };
}
