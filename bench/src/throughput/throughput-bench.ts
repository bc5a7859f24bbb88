// Part 2 of the benchmarks: the throughput ramp of the relay (the baseline) and of the chat server
// on each database, then twice its capacity (the overload run), then a CPU profile of the chat
// server at the highest rate that met the bar.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startChatServer } from '../load/chat-server-process';
import { createStorage } from '../load/databases';
import { databasesFor } from '../load/plan';
import { startRelay } from '../load/relay-process';
import { type SeriesOptions, runSeries } from '../load/run-series';
import type { DatabaseName, Load, MachineInfo, SeriesResult } from '../load/types';
import { machineInfo } from '../report/machine';
import { formatCpu, formatMs } from '../report/table';
import { type CpuProfile, type ProfileSummary, summarizeProfile } from './cpu-profile';
import {
  FULL_OVERLOAD,
  type OverloadPlan,
  type OverloadRun,
  QUICK_OVERLOAD,
  runOverload,
} from './overload';
import { P99_LIMIT_MS, type RampResult, type RampStep, ramp } from './ramp';

/** Offered rates, msg/s, in order; the ramp stops at the first step that misses the bar. */
export const FULL_RATES = [250, 500, 1_000, 1_500, 2_000, 3_000, 4_000, 5_000] as const;
export const QUICK_RATES = [200] as const;

export const FULL_SHAPE = { sockets: 1_000, durationS: 10 } as const;
export const QUICK_SHAPE = { sockets: 100, durationS: 2 } as const;

export interface TargetRamp extends RampResult {
  name: 'baseline' | 'causette';
  database: DatabaseName | null;
  /** Why the target could not be ramped at all (it did not start...). */
  failure?: string;
}

export interface ThroughputReport {
  date: string;
  machine: MachineInfo;
  method: string;
  p99LimitMs: number;
  shape: { sockets: number; durationS: number };
  ramps: TargetRamp[];
  /** The chat server past its capacity, per database (after its ramp, on the same server). */
  overloads: Array<OverloadRun & { database: DatabaseName }>;
  /** The chat server's CPU profile at its capacity, per database. */
  profiles: Array<{ database: DatabaseName; rate: number; summary: ProfileSummary }>;
}

export interface ThroughputBenchOptions {
  quick: boolean;
  databaseUrl?: string;
  databases?: readonly DatabaseName[];
  log: (line: string) => void;
}

export const THROUGHPUT_METHOD =
  `The latency benchmark's open-loop generator (two worker processes, due-time latency) at a ` +
  `fixed number of sockets, the offered rate raised step by step on one running target until a ` +
  `step misses the bar: p99 at or over ${P99_LIMIT_MS} ms, or any message lost, doubled or ` +
  `refused, or any socket dropped. The relay (plain socket.io, no storage) is ramped the same ` +
  `way in the same run. Then the chat server is started afresh with --cpu-prof and run once at ` +
  `its capacity (its first step when none passed); the profile's self time per function and per ` +
  `package is reported (startup and set-up included, idle excluded from the shares' meaning). ` +
  `Overload: right after its ramp, on the same server and sockets, the chat server is offered ` +
  `twice its capacity (twice the first step when none passed) for 20 s (2 s quick); a send ` +
  `refused with UNAVAILABLE or RATE_LIMITED is sent again with the same clientId after ` +
  `retryAfterMs and a jittered backoff, as the core's outbox does; the run passes when no ` +
  `socket dropped and every message was acked and delivered exactly once within 120 s of the ` +
  `last due time. Its latency, from the due time, includes the retries.`;

type Measure = (load: Load, options?: SeriesOptions) => Promise<SeriesResult>;

async function withRelay<T>(work: (measure: Measure) => Promise<T>): Promise<T> {
  const relay = await startRelay();
  try {
    return await work((load) =>
      runSeries('baseline', { kind: 'relay', url: relay.url, pid: relay.pid }, load),
    );
  } finally {
    await relay.stop();
  }
}

async function withChatServer<T>(
  database: DatabaseName,
  tmpDir: string,
  databaseUrl: string | undefined,
  execArgv: string[],
  work: (measure: Measure) => Promise<T>,
): Promise<T> {
  const storage = await createStorage(database, tmpDir, databaseUrl);
  try {
    const server = await startChatServer({
      storageEnv: storage.env,
      uploadDir: path.join(tmpDir, 'uploads'),
      logFile: path.join(tmpDir, `server-${database}.log`),
      execArgv,
    });
    try {
      const target = {
        kind: 'causette' as const,
        url: server.url,
        jwtSecret: server.jwtSecret,
        pid: server.pid,
      };
      return await work((load, options) => runSeries('causette', target, load, options));
    } finally {
      await server.stop();
    }
  } finally {
    await storage.dispose();
  }
}

function describeStep(label: string, step: RampStep): string {
  const { series } = step;
  const figures = `p50 ${formatMs(series.p50)} ms, p99 ${formatMs(series.p99)} ms, gen CPU ${series.generatorCpuPercent} %, server CPU ${formatCpu(series.serverCpuPercent)} %`;
  return `  ${label} ${step.rate} msg/s: ${figures}${step.miss ? ` (missed: ${step.miss})` : ''}`;
}

function describeOverload(run: OverloadRun): string {
  const { series } = run;
  const verdict = run.passed ? 'every message stored once, no socket dropped' : run.miss;
  return `  overload ${run.rate} msg/s for ${run.durationS} s: ${series.refusals} refusals retried, p99 ${formatMs(series.p99)} ms, ${verdict}`;
}

async function profileAt(
  database: DatabaseName,
  rate: number,
  shape: Omit<Load, 'rate'>,
  tmpDir: string,
  databaseUrl: string | undefined,
): Promise<ProfileSummary> {
  const dir = await mkdtemp(path.join(tmpDir, `profile-${database}-`));
  await withChatServer(
    database,
    tmpDir,
    databaseUrl,
    ['--cpu-prof', `--cpu-prof-dir=${dir}`],
    (measure) => measure({ ...shape, rate }),
  );
  // The server writes its profile as it exits, after the drain `stop()` waited for.
  // One per thread that ran JavaScript (a worker, a loader); the busiest is the server's.
  const files = (await readdir(dir)).filter((file) => file.endsWith('.cpuprofile'));
  const summaries = await Promise.all(
    files.map(async (file) =>
      summarizeProfile(JSON.parse(await readFile(path.join(dir, file), 'utf8')) as CpuProfile),
    ),
  );
  const busy = (summary: ProfileSummary) => summary.totalMs * (100 - summary.idlePercent);
  const busiest = summaries.sort((a, b) => busy(b) - busy(a))[0];
  if (!busiest) throw new Error(`no CPU profile was written to ${dir}`);
  return busiest;
}

/** A target's ramp, or the reason it could not run (the benchmark goes on with the others). */
async function guarded(
  name: TargetRamp['name'],
  database: DatabaseName | null,
  run: () => Promise<RampResult>,
): Promise<TargetRamp> {
  try {
    return { name, database, ...(await run()) };
  } catch (error) {
    return { name, database, steps: [], capacity: null, failure: (error as Error).message };
  }
}

/** Ramps the relay, then the chat server on each database, then profiles it at capacity. */
export async function runThroughputBench(
  options: ThroughputBenchOptions,
): Promise<ThroughputReport> {
  const rates = options.quick ? QUICK_RATES : FULL_RATES;
  const shape = options.quick ? QUICK_SHAPE : FULL_SHAPE;
  const overloadPlan: OverloadPlan = options.quick ? QUICK_OVERLOAD : FULL_OVERLOAD;
  const databases = options.databases ?? databasesFor(options.quick, options.databaseUrl);
  const date = new Date().toISOString();
  const tmpDir = await mkdtemp(path.join(os.tmpdir(), 'causette-bench-throughput-'));
  const ramps: TargetRamp[] = [];
  const overloads: ThroughputReport['overloads'] = [];
  const profiles: ThroughputReport['profiles'] = [];
  try {
    options.log(`\nThroughput: ${shape.sockets} sockets, ${shape.durationS} s a step, relay…`);
    ramps.push(
      await guarded('baseline', null, () =>
        withRelay((measure) =>
          ramp(rates, shape, measure, (step) => options.log(describeStep('relay', step))),
        ),
      ),
    );
    for (const database of databases) {
      options.log(`Throughput: chat server on ${database}…`);
      const result = await guarded('causette', database, () =>
        withChatServer(database, tmpDir, options.databaseUrl, [], async (measure) => {
          const found = await ramp(rates, shape, measure, (step) =>
            options.log(describeStep(database, step)),
          );
          const capacity = found.capacity ?? rates[0];
          const run = await runOverload(capacity, shape.sockets, overloadPlan, measure);
          options.log(describeOverload(run));
          overloads.push({ database, ...run });
          return found;
        }),
      );
      ramps.push(result);
      if (result.failure) continue;
      const rate = result.capacity ?? rates[0];
      options.log(`  CPU profile of the chat server on ${database} at ${rate} msg/s…`);
      try {
        const summary = await profileAt(database, rate, shape, tmpDir, options.databaseUrl);
        profiles.push({ database, rate, summary });
      } catch (error) {
        options.log(`  no profile: ${(error as Error).message}`);
      }
    }
  } finally {
    await rm(tmpDir, { recursive: true, force: true });
  }
  return {
    date,
    machine: machineInfo(),
    method: THROUGHPUT_METHOD,
    p99LimitMs: P99_LIMIT_MS,
    shape,
    ramps,
    overloads,
    profiles,
  };
}
