// Runs the marketplace's E2E latency test in its own process and reads what it wrote.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { endProcess, track } from '../load/processes';
import { type E2eReport, e2eReportFrom, skippedE2eReport } from './e2e-report';

const marketplaceDir = path.resolve(import.meta.dirname, '../../../examples/marketplace');
/** Building the app, starting the server and 100 messages: minutes on a loaded machine at most. */
const E2E_TIMEOUT_MS = 6 * 60_000;

export interface E2eBenchOptions {
  quick: boolean;
  log: (line: string) => void;
}

/** The E2E latency test, run whole (full runs only: it builds the app and drives two browsers). */
export async function runE2eBench(options: E2eBenchOptions): Promise<E2eReport> {
  if (options.quick) return skippedE2eReport('a quick run does not drive the browsers');
  const outputDir = await mkdtemp(path.join(os.tmpdir(), 'causette-bench-e2e-'));
  try {
    options.log(
      '\nEnd to end: the marketplace E2E latency test (builds the demo, drives Chromium)…',
    );
    const exit = await runVitest(outputDir);
    if (exit !== 0) {
      return skippedE2eReport(
        `the E2E latency test failed (exit ${exit}); its output is above and its screenshots were in ${outputDir}`,
      );
    }
    return e2eReportFrom(JSON.parse(await readFile(path.join(outputDir, 'latency.json'), 'utf8')));
  } finally {
    await rm(outputDir, { recursive: true, force: true });
  }
}

/** The marketplace's own vitest, run by node itself so that ending it ends the test run. */
function vitestEntry(): string {
  const require = createRequire(path.join(marketplaceDir, 'package.json'));
  return path.join(path.dirname(require.resolve('vitest/package.json')), 'vitest.mjs');
}

function runVitest(outputDir: string): Promise<number> {
  const child = track(
    spawn(process.execPath, [vitestEntry(), 'run', '--project', 'e2e', 'e2e/latency.e2e.test.ts'], {
      cwd: marketplaceDir,
      env: { ...process.env, E2E_OUTPUT_DIR: outputDir },
      stdio: ['ignore', 'inherit', 'inherit'],
    }),
  );
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      void endProcess(child, 'SIGTERM', 5_000).then(() => resolve(124));
    }, E2E_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code ?? 1);
    });
  });
}
