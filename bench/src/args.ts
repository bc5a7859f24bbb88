import { parseArgs } from 'node:util';
import { DATABASE_NAMES, type DatabaseName, type Load } from './load/types';

/** The benchmarks `pnpm bench` knows, in the order a full run runs them. */
export const BENCH_NAMES = [
  'latency',
  'throughput',
  'connections',
  'storm',
  'at-size',
  'weight',
  'e2e',
  'bystander',
] as const;
export type BenchName = (typeof BENCH_NAMES)[number];

export interface BenchArgs {
  quick: boolean;
  only: BenchName[];
  help: boolean;
  /** Loads chosen on the command line (a custom run); empty: the run's own. */
  loads: Load[];
  /** Databases chosen on the command line (a custom run); empty: the run's own. */
  databases: DatabaseName[];
}

export const USAGE = `Usage: pnpm bench [--quick] [--only <name>[,<name>...]]

  --quick        short runs (latency: 200 sockets x 200 msg/s for 5 s; throughput: one small step;
                 relay and PGlite in memory; no browsers) written to bench/results/quick/
  --only <name>  run only these benchmarks: ${BENCH_NAMES.join(', ')} (repeatable or comma-separated)
  --load <SxR[xD]>  a custom latency run at S sockets x R msg/s for D s (20 by default), repeatable
  --db <name>    a custom latency run on these databases: ${DATABASE_NAMES.join(', ')} (repeatable)
                 custom runs write to bench/results/custom/ and leave bench/README.md alone
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
      load: { type: 'string', multiple: true },
      db: { type: 'string', multiple: true },
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
    loads: list(values.load).map(parseLoad),
    databases: list(values.db).map(parseDatabase),
  };
}

function list(values: string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((value) => value.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

/** `1000x500` or `1000x500x30` (sockets x msg/s x seconds); the bounds are checked by the run. */
function parseLoad(text: string): Load {
  const match = /^(\d+)x(\d+(?:\.\d+)?)(?:x(\d+(?:\.\d+)?))?$/.exec(text);
  if (!match) throw new Error(`--load ${text}: expected SOCKETSxRATE or SOCKETSxRATExSECONDS`);
  return { sockets: Number(match[1]), rate: Number(match[2]), durationS: Number(match[3] ?? 20) };
}

function parseDatabase(name: string): DatabaseName {
  const known: readonly string[] = DATABASE_NAMES;
  if (!known.includes(name)) {
    throw new Error(`--db ${name}: unknown database (known: ${DATABASE_NAMES.join(', ')})`);
  }
  return name as DatabaseName;
}
