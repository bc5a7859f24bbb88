// `pnpm bench [--quick] [--only latency,sizes]`: runs the benchmarks, prints their tables and
// writes their reports (bench/README.md says where and how to read them).
import path from 'node:path';
import { type BenchArgs, USAGE, parseBenchArgs } from './args';
import { runLatencyBench } from './load/latency-bench';
import { killChildrenOnExit } from './load/processes';
import { updateReadme, writeLatencyReport } from './report/latency-report';
import { type RunKind, resultsDir } from './results-dir';
import { printSizes } from './sizes';

const benchDir = path.resolve(import.meta.dirname, '..');

async function latency(args: BenchArgs): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const kind: RunKind =
    args.loads.length > 0 || args.databases.length > 0 ? 'custom' : args.quick ? 'quick' : 'full';
  if (args.databases.includes('postgresql') && !databaseUrl) {
    throw new Error('--db postgresql needs DATABASE_URL');
  }
  const report = await runLatencyBench({
    quick: args.quick,
    ...(args.loads.length > 0 ? { loads: args.loads } : {}),
    ...(args.databases.length > 0 ? { databases: args.databases } : {}),
    ...(databaseUrl ? { databaseUrl } : {}),
    log: (text) => console.log(text),
  });
  const dir = resultsDir(benchDir, kind, process.env);
  const files = await writeLatencyReport(dir, report);
  console.log(`\nWrote ${files.map((file) => path.relative(process.cwd(), file)).join(', ')}`);
  // The README shows the latest full run; quick runs and runs written elsewhere leave it alone.
  if (kind === 'full' && !process.env.BENCH_RESULTS_DIR) {
    await updateReadme(path.join(benchDir, 'README.md'), report);
    console.log('Updated the "Latest results" section of bench/README.md');
  }
}

async function main(): Promise<number> {
  let args: BenchArgs;
  try {
    args = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  killChildrenOnExit();
  for (const name of args.only) {
    if (name === 'latency') await latency(args);
    if (name === 'sizes') printSizes();
  }
  return 0;
}

// Exit explicitly: a handle left open by a failed run (a socket, a pg client) must not hang it.
process.exit(await main());
