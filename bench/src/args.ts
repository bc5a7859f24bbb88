import { parseArgs } from 'node:util';

/** The benchmarks `pnpm bench` knows, in the order a full run runs them. */
export const BENCH_NAMES = ['latency', 'sizes'] as const;
export type BenchName = (typeof BENCH_NAMES)[number];

export interface BenchArgs {
  quick: boolean;
  only: BenchName[];
  help: boolean;
}

export const USAGE = `Usage: pnpm bench [--quick] [--only <name>[,<name>...]]

  --quick        a short latency run (200 sockets x 200 msg/s, ~5 s, relay and PGlite in memory)
                 written to bench/results/quick/ instead of bench/results/
  --only <name>  run only these benchmarks: ${BENCH_NAMES.join(', ')} (repeatable or comma-separated)
  --help         this text

Environment: DATABASE_URL adds PostgreSQL to a full run (a fresh database, dropped after);
BENCH_RESULTS_DIR writes the reports there instead.`;

function isBenchName(name: string): name is BenchName {
  return (BENCH_NAMES as readonly string[]).includes(name);
}

/** Parses the command line; throws with a message on an unknown option or benchmark name. */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  // `pnpm bench -- --quick` passes the `--` through; it means nothing here.
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  const { values } = parseArgs({
    args,
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const requested = (values.only ?? [])
    .flatMap((value) => value.split(','))
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = requested.filter((name) => !isBenchName(name));
  if (unknown.length > 0) {
    throw new Error(`Unknown benchmark ${unknown.join(', ')} (known: ${BENCH_NAMES.join(', ')})`);
  }
  const only = requested.length > 0 ? BENCH_NAMES.filter((name) => requested.includes(name)) : [];
  return {
    quick: values.quick ?? false,
    only: only.length > 0 ? only : [...BENCH_NAMES],
    help: values.help ?? false,
  };
}
