// The phases of one run on one chat server: the same bystander pairs chat on the same schedule,
// first alone, then beside each flood in turn.
import { randomBytes } from 'node:crypto';
import { cpuMeter } from '../load/proc-cpu';
import type { Load } from '../load/types';
import { type Bystanders, startBystanders } from './bystanders';
import { type Flooder, startFlooder } from './flood-control';
import type { FloodKind } from './messages';
import { bystanderSeries, failedPhase } from './stats';
import type { BystanderSeries, FloodSetting } from './types';

/** How far ahead of now a phase starts, so every process has its start message in time. */
const START_DELAY_MS = 300;

export interface PhasePlan {
  floods: readonly FloodSetting[];
  load: Load;
  workers: number;
  window: number;
  setupTimeoutMs: number;
  /** After a phase's last due time, how long a message may arrive before it counts as lost. */
  drainMs: number;
  /** Quiet time between phases, so one phase's backlog is gone before the next starts. */
  pauseMs: number;
}

export interface PhaseServer {
  url: string;
  jwtSecret: string;
  pid: number | undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function runPhase(
  flood: FloodSetting,
  bystanders: Bystanders,
  flooder: Flooder | undefined,
  pid: number | undefined,
): Promise<BystanderSeries> {
  const atEpochMs = Date.now() + START_DELAY_MS;
  const serverCpu = cpuMeter(pid);
  if (flood !== 'none') {
    if (!flooder) throw new Error('no flooder');
    flooder.start(flood, atEpochMs);
  }
  // The flood goes on until the bystanders' last message is in, then stops.
  const results = await bystanders.phase(flood, atEpochMs);
  const flooded = flood !== 'none' && flooder ? await flooder.stop() : undefined;
  return bystanderSeries(flood, results, serverCpu() ?? null, flooded);
}

/**
 * Never throws: a phase that cannot be measured, and every one after it, carries `failure`. The
 * processes are forked while `server` is still starting, and set up once it is up.
 */
export async function runPhases(
  server: Promise<PhaseServer>,
  plan: PhasePlan,
  log: (line: string) => void,
): Promise<BystanderSeries[]> {
  const began = performance.now();
  const elapsed = () => `${((performance.now() - began) / 1000).toFixed(1)} s`;
  const runTag = `y${randomBytes(4).toString('hex')}`;
  const kinds = plan.floods.filter((flood): flood is FloodKind => flood !== 'none');
  const target = server.then(({ url, jwtSecret }) => ({ url, jwtSecret }));
  const [started, flooding] = await Promise.allSettled([
    startBystanders(target, plan.load, runTag, plan),
    kinds.length > 0
      ? startFlooder(target, runTag, kinds, plan.window, plan.setupTimeoutMs)
      : Promise.resolve(undefined),
  ]);
  const bystanders = started.status === 'fulfilled' ? started.value : undefined;
  const flooder = flooding.status === 'fulfilled' ? flooding.value : undefined;
  const series: BystanderSeries[] = [];
  try {
    const setUpFailure = [started, flooding].find((result) => result.status === 'rejected');
    let failure = setUpFailure ? `set-up: ${String(setUpFailure.reason)}` : undefined;
    const pid = failure ? undefined : (await server).pid;
    if (!failure) log(`  server up and pairs connected after ${elapsed()}`);
    for (const [i, flood] of plan.floods.entries()) {
      if (i > 0) await sleep(plan.pauseMs);
      if (failure || !bystanders) {
        series.push(failedPhase(flood, failure ?? 'no bystanders'));
        continue;
      }
      try {
        const phase = await runPhase(flood, bystanders, flooder, pid);
        series.push(phase);
        log(`  flood ${flood}: bystanders' p99 ${phase.p99 ?? '–'} ms (${elapsed()})`);
      } catch (error) {
        failure = (error as Error).message;
        series.push(failedPhase(flood, failure));
      }
    }
  } finally {
    await Promise.all([bystanders?.end(), flooder?.end()]);
  }
  return series;
}
