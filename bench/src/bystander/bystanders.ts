// The chatting pairs: worker processes that hold them and run the schedule once per phase.
import type { ChildProcess } from 'node:child_process';
import { endProcess } from '../load/processes';
import { assignPairs, pairCount } from '../load/schedule';
import type { Load } from '../load/types';
import type { WorkerResult } from '../load/worker-messages';
import { answer, forkChild } from './child-ipc';
import { type BystanderPhase, type BystanderSetup, isBystanderReport } from './messages';

const workerEntry = new URL('./bystander-worker.ts', import.meta.url);
/** Room for a worker's own start (tsx compiles on the fly) beyond its set-up deadline. */
const STARTUP_SLACK_MS = 30_000;

export interface BystanderTarget {
  url: string;
  jwtSecret: string;
}

export interface Bystanders {
  /** Runs the schedule on every worker from `atEpochMs`; resolves with each worker's result. */
  phase(name: string, atEpochMs: number): Promise<WorkerResult[]>;
  end(): Promise<void>;
}

/** Forks the workers at once (their start overlaps the server's), then sets them up on `target`. */
export async function startBystanders(
  target: Promise<BystanderTarget>,
  load: Load,
  runTag: string,
  timing: { workers: number; setupTimeoutMs: number; drainMs: number },
): Promise<Bystanders> {
  const shares = assignPairs(pairCount(load), timing.workers).filter((p) => p.length > 0);
  const workers: ChildProcess[] = shares.map(() => forkChild(workerEntry));
  const end = async () => {
    await Promise.all(workers.map((worker) => endProcess(worker, 'SIGTERM', 5_000)));
  };
  try {
    const { url, jwtSecret } = await target;
    const waitMs = timing.setupTimeoutMs + STARTUP_SLACK_MS;
    const ready = workers.map((w) => answer(w, isBystanderReport, 'ready', waitMs));
    const deadline = Date.now() + timing.setupTimeoutMs;
    workers.forEach((worker, i) => {
      const setup: BystanderSetup = {
        type: 'setup',
        url,
        jwtSecret,
        load,
        pairs: shares[i] ?? [],
        runTag,
        deadline,
      };
      worker.send(setup);
    });
    await Promise.all(ready);
  } catch (error) {
    await end();
    throw error;
  }
  return {
    async phase(name, atEpochMs) {
      // The schedule, its drain, and a margin for a worker whose event loop is swamped.
      const waitMs = atEpochMs - Date.now() + load.durationS * 1000 + timing.drainMs + 30_000;
      const results = workers.map((w) => answer(w, isBystanderReport, 'result', waitMs));
      const message: BystanderPhase = {
        type: 'phase',
        phase: name,
        atEpochMs,
        drainMs: timing.drainMs,
      };
      for (const worker of workers) worker.send(message);
      return (await Promise.all(results)).map((report) => report.result);
    },
    end,
  };
}
