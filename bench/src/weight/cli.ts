// Try the client-weight benchmark on its own:
//   node --conditions=@causette/source --import tsx src/weight/cli.ts [--quick] [--no-render]
// prints the tables and writes weight.json and weight.md into bench/results/custom/ (or
// BENCH_RESULTS_DIR).
import path from 'node:path';
import { benchDir } from '../load/processes';
import { resultsDir } from '../results-dir';
import { runWeightBench, weightText, writeWeightReport } from './index';

const args = new Set(process.argv.slice(2));
const unknown = [...args].filter((arg) => !['--quick', '--no-render'].includes(arg));
if (unknown.length > 0) {
  console.error(`Unknown option ${unknown.join(' ')}; usage: cli.ts [--quick] [--no-render]`);
  process.exit(2);
}

const started = performance.now();
const report = await runWeightBench({
  quick: args.has('--quick'),
  render: !args.has('--no-render'),
  log: (line) => console.log(line),
});
console.log(`\n${weightText(report)}\n`);
const files = await writeWeightReport(resultsDir(benchDir, 'custom', process.env), report);
console.log(`Wrote ${files.map((file) => path.relative(process.cwd(), file)).join(', ')}`);
console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
