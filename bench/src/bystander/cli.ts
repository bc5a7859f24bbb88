// Try the bystander benchmark alone:
//   cd bench && node --conditions=@causette/source --import tsx src/bystander/cli.ts [--quick]
// Prints the table and writes bystander.json/.md into bench/results/custom/ (git-ignored).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { killChildrenOnExit } from '../load/processes';
import { runBystanderBench, writeBystanderReport } from './index';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
killChildrenOnExit();
const databaseUrl = process.env.DATABASE_URL || undefined;
const report = await runBystanderBench({
  quick: values.quick,
  ...(databaseUrl ? { databaseUrl } : {}),
  log: (line) => console.log(line),
});
const dir = path.resolve(import.meta.dirname, '../../results/custom');
const files = await writeBystanderReport(dir, report);
console.log(`\nWrote ${files.join(', ')}`);
process.exit(report.series.some((series) => series.failure) ? 1 : 0);
