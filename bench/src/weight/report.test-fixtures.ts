import type { WeightReport, WeightRow } from './types';

/** A measured row; `gzip` sets the initial load's, `failure` makes it a failed one. */
export function row(options: { name?: string; gzip?: number; failure?: string } = {}): WeightRow {
  const gzip = options.gzip ?? 50_000;
  const failed = options.failure !== undefined;
  return {
    name: options.name ?? 'peer',
    kind: 'client',
    versions: { [options.name ?? 'peer']: '1.2.3' },
    source: "import 'peer';",
    initial: failed ? null : { min: gzip * 3, gzip, brotli: Math.round(gzip * 0.85) },
    all: failed ? null : { min: gzip * 4, gzip: gzip + 1000, brotli: gzip },
    ratio: null,
    unresolved: [],
    cssBytes: 0,
    stylesheet: null,
    ...(failed ? { failure: options.failure } : {}),
  };
}

export function report(overrides: Partial<WeightReport> = {}): WeightReport {
  return {
    date: '2026-01-02T03:04:05.000Z',
    machine: { cpus: 2, cpuModel: 'Test CPU', totalMemGiB: 8, node: 'v20.0.0' },
    method: 'bundled',
    bundler: { name: 'esbuild', version: '0.28.2', options: { minify: true } },
    series: [
      {
        name: 'causette',
        entries: [{ ...row({ name: '@causette/core', gzip: 33_139 }), ratio: 1 }],
      },
      {
        name: 'baseline',
        entries: [
          { ...row({ name: 'stream-chat', gzip: 102_613 }), ratio: 3.1, unresolved: ['opt'] },
          row({ name: '@twilio/conversations', failure: 'Could not resolve "crypto"' }),
        ],
      },
    ],
    ...overrides,
  };
}
