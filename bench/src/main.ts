// `pnpm bench [--quick] [--only latency,sizes]`: runs the benchmarks, prints their tables and
// writes their reports (bench/README.md says where and how to read them).
import path from 'node:path';
import { type BenchArgs, USAGE, parseBenchArgs } from './args';
import { BENCHMARKS, contextFor } from './benchmarks';
import { killChildrenOnExit } from './load/processes';

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
  const context = contextFor(args, (text) => console.log(text));
  for (const benchmark of BENCHMARKS) {
    if (!args.only.includes(benchmark.name)) continue;
    const files = await benchmark.run(context);
    if (files.length > 0) {
      console.log(`\nWrote ${files.map((file) => path.relative(process.cwd(), file)).join(', ')}`);
    }
  }
  return 0;
}

// Exit explicitly: a handle left open by a failed run (a socket, a pg client) must not hang it.
process.exit(await main());
