import path from 'node:path';

/** A full run (committed figures), a quick one, or one with loads or databases of its own. */
export type RunKind = 'full' | 'quick' | 'custom';

/**
 * Where reports go: `BENCH_RESULTS_DIR` when set; otherwise full runs to the committed
 * bench/results/, quick and custom ones to bench/results/quick/ and bench/results/custom/
 * (ignored by git), so neither ever overwrites the committed figures.
 */
export function resultsDir(benchDir: string, kind: RunKind, env: NodeJS.ProcessEnv): string {
  if (env.BENCH_RESULTS_DIR) return path.resolve(env.BENCH_RESULTS_DIR);
  return path.join(benchDir, 'results', ...(kind === 'full' ? [] : [kind]));
}
