// `node --conditions=@causette/source --import tsx src/at-size/cli.ts [--quick]` from bench/:
// runs the benchmark, prints its tables and writes its report into bench/results/custom/.
import path from 'node:path';
import { killChildrenOnExit } from '../load/processes';
import { textTable } from '../report/table';
import { resultsDir } from '../results-dir';
import { runAtSizeBench, writeAtSizeReport } from './index';
import { CLASS_HEADER, SCENARIO_HEADER, classRows, scenarioRows, summaryLines } from './report';

const benchDir = path.resolve(import.meta.dirname, '../..');

async function main(): Promise<number> {
  killChildrenOnExit();
  const quick = process.argv.includes('--quick');
  const report = await runAtSizeBench({
    quick,
    databaseUrl: process.env.DATABASE_URL || undefined,
    log: (line) => console.log(line),
  });
  console.log(`\n${summaryLines(report).join('\n')}\n`);
  if (report.scenarios.length > 0) console.log(textTable(SCENARIO_HEADER, scenarioRows(report), 2));
  const classes = classRows(report);
  if (classes.length > 0) console.log(`\n${textTable(CLASS_HEADER, classes, 1)}`);
  const files = await writeAtSizeReport(resultsDir(benchDir, 'custom', process.env), report);
  console.log(`\nWrote ${files.map((file) => path.relative(process.cwd(), file)).join(', ')}`);
  return report.failure ? 1 : 0;
}

// Exit explicitly: a handle left open by a failed run (a socket, a pg client) must not hang it.
process.exit(await main());
