// Try the connections benchmark alone:
//   cd bench && node --conditions=@causette/source --import tsx src/connections/cli.ts \
//     [--quick] [--sockets N]
// Prints the table and writes connections.json/.md into bench/results/custom/ (git-ignored).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { killChildrenOnExit } from '../load/processes';
import { runConnectionsBench, writeConnectionsReport } from './index';

const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, sockets: { type: 'string' } },
});
killChildrenOnExit();
const databaseUrl = process.env.DATABASE_URL || undefined;
const report = await runConnectionsBench({
  quick: values.quick,
  ...(values.sockets ? { sockets: Number(values.sockets) } : {}),
  ...(databaseUrl ? { databaseUrl } : {}),
  log: (line) => console.log(line),
});
const dir = path.resolve(import.meta.dirname, '../../results/custom');
const files = await writeConnectionsReport(dir, report);
console.log(`\nWrote ${files.join(', ')}`);
process.exit(report.series.some((series) => series.failure) ? 1 : 0);
