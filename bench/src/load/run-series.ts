// One series: a load offered to one target by the generator's worker processes.
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { failedSeries, mergeResults } from './merge';
import { cpuMeter } from './proc-cpu';
import { TIMINGS, WORKERS, checkLoad, checkLoopback } from './plan';
import {
  TS_EXEC_ARGV,
  allAnswers,
  benchDir,
  endProcess,
  nextMessage,
  replyOfType,
  track,
} from './processes';
import { assignPairs, pairCount } from './schedule';
import type { Load, SeriesName, SeriesResult, TargetKind } from './types';
import {
  type SetupMessage,
  type StartMessage,
  type WorkerResult,
  isWorkerMessage,
} from './worker-messages';

const workerEntry = path.join(import.meta.dirname, 'worker.ts');
/** Room for a worker's own start (tsx compiles on the fly) beyond the set-up deadline. */
const STARTUP_SLACK_MS = 30_000;
/** How far ahead of now the schedule starts, so every worker has the start message in time. */
const START_DELAY_MS = 500;

export interface SeriesTarget {
  kind: TargetKind;
  url: string;
  jwtSecret?: string;
  /** The server's process, whose CPU time the series reports. */
  pid?: number | undefined;
}

export interface SeriesOptions {
  /** Retry sends refused as transient, as the core's outbox does (chat server only). */
  retryRefused?: boolean;
  /** After the last due time, how long messages may still arrive; TIMINGS.drainMs by default. */
  drainMs?: number;
}

/**
 * Forks the workers, lets them connect their pairs, starts the schedule on all of them at once and
 * merges their results. Never throws: a series that cannot be measured comes back with `failure`.
 */
export async function runSeries(
  name: SeriesName,
  target: SeriesTarget,
  load: Load,
  { retryRefused = false, drainMs = TIMINGS.drainMs }: SeriesOptions = {},
): Promise<SeriesResult> {
  checkLoad(load);
  checkLoopback(target.url);
  const runTag = `b${randomBytes(4).toString('hex')}`;
  const shares = assignPairs(pairCount(load), WORKERS).filter((pairs) => pairs.length > 0);
  const workers: ChildProcess[] = shares.map(() =>
    track(
      fork(workerEntry, [], {
        cwd: benchDir,
        execArgv: TS_EXEC_ARGV,
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    ),
  );
  try {
    const setupMs = TIMINGS.setupTimeoutMs + STARTUP_SLACK_MS;
    const ready = workers.map((worker) =>
      nextMessage(worker, replyOfType(isWorkerMessage, 'ready'), setupMs, 'worker set-up'),
    );
    workers.forEach((worker, i) => {
      const setup: SetupMessage = {
        type: 'setup',
        target: target.kind,
        url: target.url,
        ...(target.jwtSecret ? { jwtSecret: target.jwtSecret } : {}),
        load,
        pairs: shares[i] ?? [],
        runTag,
        setupTimeoutMs: TIMINGS.setupTimeoutMs,
        drainMs,
        retryRefused,
      };
      worker.send(setup);
    });
    await allAnswers(ready);

    // The whole measured phase is capped: the schedule, the drain, and a margin for a worker
    // whose event loop is swamped; past it the series fails instead of hanging the benchmark.
    const phaseMs = START_DELAY_MS + load.durationS * 1000 + drainMs + 30_000;
    const results = workers.map((worker) =>
      nextMessage(worker, replyOfType(isWorkerMessage, 'result'), phaseMs, 'worker result'),
    );
    const start: StartMessage = { type: 'start', atEpochMs: Date.now() + START_DELAY_MS };
    const serverCpu = cpuMeter(target.pid);
    for (const worker of workers) worker.send(start);
    const answers = await allAnswers(results);
    const serverCpuPercent = serverCpu();
    return {
      ...mergeResults(
        name,
        answers.map((answer): WorkerResult => answer.result),
      ),
      ...(serverCpuPercent === undefined ? {} : { serverCpuPercent }),
    };
  } catch (error) {
    return failedSeries(name, (error as Error).message);
  } finally {
    await Promise.all(workers.map((worker) => endProcess(worker, 'SIGTERM', 5_000)));
  }
}
