// Every benchmark `pnpm bench` knows, in the order a run takes them: how each runs, where its
// report goes. main.ts parses the command line and walks this list.
import path from 'node:path';
import type { BenchArgs, BenchName } from './args';
import { atSizeMarkdown, runAtSizeBench, writeAtSizeReport } from './at-size';
import { bystanderMarkdown } from './bystander/report';
import { runBystanderBench, writeBystanderReport } from './bystander';
import { connectionsMarkdown } from './connections/report';
import { runConnectionsBench, writeConnectionsReport } from './connections';
import { runE2eBench } from './e2e/run-e2e';
import { e2eMarkdown, writeE2eReport } from './e2e/e2e-report';
import { runLatencyBench } from './load/latency-bench';
import { updateReadme, writeLatencyReport } from './report/latency-report';
import { type RunKind, resultsDir } from './results-dir';
import { runThroughputBench } from './throughput/throughput-bench';
import { throughputMarkdown, writeThroughputReport } from './throughput/throughput-report';
import { runStormBench, stormMarkdown, writeStormReport } from './storm';
import { runWeightBench, weightMarkdown, writeWeightReport } from './weight';

export const benchDir = path.resolve(import.meta.dirname, '..');

export interface BenchContext {
  args: BenchArgs;
  kind: RunKind;
  databaseUrl: string | undefined;
  /** Where this run's reports go. */
  dir: string;
  log: (text: string) => void;
}

export interface Benchmark {
  name: BenchName;
  /** Runs it, writes its report into `context.dir` and returns the files written. */
  run(context: BenchContext): Promise<string[]>;
}

export function runKind(args: BenchArgs): RunKind {
  if (args.loads.length > 0 || args.databases.length > 0) return 'custom';
  return args.quick ? 'quick' : 'full';
}

export function contextFor(args: BenchArgs, log: (text: string) => void): BenchContext {
  const kind = runKind(args);
  return {
    args,
    kind,
    databaseUrl: process.env.DATABASE_URL || undefined,
    dir: resultsDir(benchDir, kind, process.env),
    log,
  };
}

const latency: Benchmark = {
  name: 'latency',
  async run({ args, kind, databaseUrl, dir, log }) {
    if (args.databases.includes('postgresql') && !databaseUrl) {
      throw new Error('--db postgresql needs DATABASE_URL');
    }
    const report = await runLatencyBench({
      quick: args.quick,
      ...(args.loads.length > 0 ? { loads: args.loads } : {}),
      ...(args.databases.length > 0 ? { databases: args.databases } : {}),
      ...(databaseUrl ? { databaseUrl } : {}),
      log,
    });
    const files = await writeLatencyReport(dir, report);
    // The README shows the latest full run; quick runs and runs written elsewhere leave it alone.
    if (kind === 'full' && !process.env.BENCH_RESULTS_DIR) {
      await updateReadme(path.join(benchDir, 'README.md'), report);
      log('Updated the "Latest results" section of bench/README.md');
    }
    return files;
  },
};

/** A benchmark that takes the common options and has a report of its own. */
function reported<R>(
  name: BenchName,
  run: (options: {
    quick: boolean;
    databaseUrl?: string;
    log: (line: string) => void;
  }) => Promise<R>,
  markdown: (report: R) => string,
  write: (dir: string, report: R) => Promise<string[]>,
): Benchmark {
  return {
    name,
    async run({ args, databaseUrl, dir, log }) {
      const report = await run({ quick: args.quick, ...(databaseUrl ? { databaseUrl } : {}), log });
      log(markdown(report));
      return write(dir, report);
    },
  };
}

const throughput: Benchmark = {
  name: 'throughput',
  async run({ args, databaseUrl, dir, log }) {
    const report = await runThroughputBench({
      quick: args.quick,
      ...(args.databases.length > 0 ? { databases: args.databases } : {}),
      ...(databaseUrl ? { databaseUrl } : {}),
      log,
    });
    log(throughputMarkdown(report));
    return writeThroughputReport(dir, report);
  },
};

const e2e: Benchmark = {
  name: 'e2e',
  async run({ args, dir, log }) {
    const report = await runE2eBench({ quick: args.quick, log });
    log(e2eMarkdown(report));
    return writeE2eReport(dir, report);
  },
};

export const BENCHMARKS: readonly Benchmark[] = [
  latency,
  throughput,
  reported('connections', runConnectionsBench, connectionsMarkdown, writeConnectionsReport),
  reported('storm', runStormBench, stormMarkdown, writeStormReport),
  reported('at-size', runAtSizeBench, atSizeMarkdown, writeAtSizeReport),
  reported('weight', runWeightBench, weightMarkdown, writeWeightReport),
  e2e,
  reported('bystander', runBystanderBench, bystanderMarkdown, writeBystanderReport),
];
