// The client-weight benchmark (#19 part 6): Causette's client packages bundled beside peer SDKs
// with the same esbuild options in the same run; then MessageList's render times in Chromium.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { benchDir } from '../load/processes';
import { machineInfo } from '../report/machine';
import { BUNDLE_OPTIONS, esbuildVersion } from './bundle-entry';
import { entriesFor } from './entries';
import { measureEntries } from './measure-entries';
import { METHOD } from './method';
import { runRenderBench } from './render/run-render';
import type { WeightReport } from './types';

export { writeWeightReport, weightText, weightMarkdown } from './report';
export type { WeightReport } from './types';

export interface WeightBenchOptions {
  quick: boolean;
  /** Unused: nothing here touches a database (kept for the common benchmark signature). */
  databaseUrl?: string;
  log: (line: string) => void;
  /** Measures MessageList in Chromium too (default true); false for the sizes only. */
  render?: boolean;
}

/** The built files Causette's entries resolve to (`pnpm build` makes them). */
const BUILT = [
  'packages/core/dist/index.js',
  'packages/core/dist/websocket/index.js',
  'packages/react/dist/index.js',
];

export function missingBuilds(root: string): string[] {
  return BUILT.filter((file) => !existsSync(path.join(root, file)));
}

export async function runWeightBench(options: WeightBenchOptions): Promise<WeightReport> {
  const missing = missingBuilds(path.resolve(benchDir, '..'));
  if (missing.length > 0) {
    options.log(`Not built (run \`pnpm build\` first): ${missing.join(', ')}`);
  }
  const entries = entriesFor(options.quick);
  options.log(`Client weight: bundling ${entries.length} entries with esbuild ${esbuildVersion}`);
  // Quick runs (inside `pnpm test`, under 30 s on a shared machine) skip the second bundle.
  const series = await measureEntries(entries, benchDir, {
    withLazyChunks: !options.quick,
    log: options.log,
  });
  const report: WeightReport = {
    date: new Date().toISOString(),
    machine: machineInfo(),
    method: METHOD,
    bundler: { name: 'esbuild', version: esbuildVersion, options: { ...BUNDLE_OPTIONS } },
    series,
  };
  if (options.render === false) return report;
  options.log('MessageList in Chromium');
  return { ...report, render: await runRenderBench({ quick: options.quick, log: options.log }) };
}
