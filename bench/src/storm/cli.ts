// Try the storm by hand: node --conditions=@causette/source --import tsx src/storm/cli.ts
// [--quick] [--clients N] [--workers N]. Prints the table, writes results/custom/storm.{json,md}.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchDir, killChildrenOnExit } from '../load/processes';
import { resultsDir } from '../results-dir';
import { runStormBench, stormText, writeStormReport } from './index';
import type { StormPlan } from './types';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    clients: { type: 'string' },
    workers: { type: 'string' },
  },
});
const plan: Partial<StormPlan> = {};
if (values.clients) plan.clients = Number(values.clients);
if (values.workers) plan.workers = Number(values.workers);

killChildrenOnExit();
const report = await runStormBench({
  quick: values.quick,
  ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}),
  log: (line) => console.log(`[storm] ${line}`),
  plan,
});
console.log(`\n${stormText(report)}\n`);
for (const series of report.series) {
  if (series.failure) console.log(`${series.name} failed: ${series.failure}`);
}
const written = await writeStormReport(resultsDir(benchDir, 'custom', process.env), report);
console.log(`Wrote ${written.map((file) => path.relative(process.cwd(), file)).join(', ')}`);
process.exit(0);
