// The quick benchmark end to end, as `pnpm bench --quick` runs it: relay, chat server on PGlite in
// memory, generator workers, report. It asserts that it completes and reports both series, never
// a time: figures on a shared test machine say nothing.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AtSizeReport } from './at-size';
import type { BystanderReport } from './bystander';
import type { ConnectionsReport } from './connections';
import type { E2eReport } from './e2e/e2e-report';
import type { StormReport } from './storm';
import type { WeightReport } from './weight';
import type { LatencyReport } from './load/types';
import type { ThroughputReport } from './throughput/throughput-bench';

const benchDir = path.resolve(import.meta.dirname, '..');
let outDir: string;

beforeAll(async () => {
  outDir = await mkdtemp(path.join(os.tmpdir(), 'bench-quick-'));
});
afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

function runQuick(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@causette/source', '--import', 'tsx', 'src/main.ts', '--quick'],
      {
        cwd: benchDir,
        env: { ...process.env, BENCH_RESULTS_DIR: outDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('pnpm bench --quick', () => {
  it('completes and writes the reports, each with the baseline and the chat server', async () => {
    const { code, output } = await runQuick();
    expect(code, output).toBe(0);
    const report = JSON.parse(
      await readFile(path.join(outDir, 'latency.json'), 'utf8'),
    ) as LatencyReport;
    expect(report.runs).toHaveLength(1);
    const run = report.runs[0]!;
    expect(run.database).toBe('pglite-memory');
    expect(run.series.map((series) => series.name)).toEqual(['baseline', 'causette']);
    for (const series of run.series) {
      expect(series.failure, `${series.name} failed:\n${output}`).toBeUndefined();
      expect(series.sent).toBeGreaterThan(0);
    }
    expect(await readFile(path.join(outDir, 'latency.md'), 'utf8')).toContain('| causette |');

    const throughput = JSON.parse(
      await readFile(path.join(outDir, 'throughput.json'), 'utf8'),
    ) as ThroughputReport;
    expect(throughput.ramps.map((ramp) => [ramp.name, ramp.database])).toEqual([
      ['baseline', null],
      ['causette', 'pglite-memory'],
    ]);
    for (const ramp of throughput.ramps) {
      expect(ramp.failure, output).toBeUndefined();
      expect(ramp.steps.length, output).toBeGreaterThan(0);
    }
    // Twice the capacity, refused sends retried: the server keeps every socket and stores each
    // message once (the overload bar, in every test run at a small scale).
    expect(throughput.overloads.map((run) => run.database)).toEqual(['pglite-memory']);
    const overload = throughput.overloads[0]!;
    expect(overload.series.failure, output).toBeUndefined();
    expect(overload.series.sent).toBeGreaterThan(0);
    expect(overload.miss, output).toBeUndefined();
    expect(throughput.profiles.map((profile) => profile.database)).toEqual(['pglite-memory']);
    expect(throughput.profiles[0]?.summary.functions.length).toBeGreaterThan(0);

    const e2e = JSON.parse(await readFile(path.join(outDir, 'e2e.json'), 'utf8')) as E2eReport;
    expect(e2e.skipped).toMatch(/quick/);

    // The others: each wrote its report, the peers or the relay beside the chat server.
    const read = async <T>(name: string) =>
      JSON.parse(await readFile(path.join(outDir, name), 'utf8')) as T;
    const connections = await read<ConnectionsReport>('connections.json');
    expect(connections.series.map((series) => series.name)).toEqual(['baseline', 'causette']);
    const storm = await read<StormReport>('storm.json');
    expect(new Set(storm.series.map((series) => series.name))).toEqual(
      new Set(['baseline', 'causette']),
    );
    const bystander = await read<BystanderReport>('bystander.json');
    expect(new Set(bystander.series.map((series) => series.name))).toEqual(
      new Set(['baseline', 'causette']),
    );
    const weight = await read<WeightReport>('weight.json');
    expect(new Set(weight.series.map((series) => series.name))).toEqual(
      new Set(['baseline', 'causette']),
    );
    const atSize = await read<AtSizeReport>('at-size.json');
    if (process.env.DATABASE_URL) expect(atSize.skipped, output).toBeUndefined();
    else expect(atSize.skipped).toBeDefined();
  }, 600_000);
});
