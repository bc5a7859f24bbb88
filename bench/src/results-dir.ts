import path from 'node:path';

/**
 * Where reports go: `BENCH_RESULTS_DIR` when set; otherwise full runs to the committed
 * bench/results/ and quick ones to bench/results/quick/ (ignored by git), so a quick run from
 * `pnpm test` never overwrites the committed figures.
 */
export function resultsDir(benchDir: string, quick: boolean, env: NodeJS.ProcessEnv): string {
  if (env.BENCH_RESULTS_DIR) return path.resolve(env.BENCH_RESULTS_DIR);
  return path.join(benchDir, 'results', ...(quick ? ['quick'] : []));
}
