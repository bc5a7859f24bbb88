// Preloaded into a measured server (`--expose-gc --import heap-probe.mjs`), so the benchmark reads
// that process's heap from outside without a line of the server knowing: on SIGUSR2 it collects
// garbage and writes process.memoryUsage() as JSON to the file BENCH_HEAP_PROBE_FILE names.
// Plain JavaScript (type-checked): the benchmarks run the built server, without a TypeScript loader.
// @ts-check
import { renameSync, writeFileSync } from 'node:fs';

const file = process.env.BENCH_HEAP_PROBE_FILE;

/** @returns {boolean} whether it could (the process was started with --expose-gc) */
function collectGarbage() {
  const gc = /** @type {{ gc?: () => void }} */ (globalThis).gc;
  if (!gc) return false;
  // A second pass frees what the first one's finalizers and weak references let go.
  gc();
  gc();
  return true;
}

if (file) {
  process.on('SIGUSR2', () => {
    const gcExposed = collectGarbage();
    const sample = { gcExposed, atEpochMs: Date.now(), ...process.memoryUsage() };
    // Renamed into place, so the reader never sees half a file.
    writeFileSync(`${file}.tmp`, JSON.stringify(sample));
    renameSync(`${file}.tmp`, file);
  });
}
