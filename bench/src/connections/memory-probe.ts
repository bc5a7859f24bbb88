// The benchmark's side of heap-probe.mjs: how to start a server with it, and how to read a sample.
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** One reading of a server's memory, in bytes, after a full garbage collection. */
export interface MemorySample {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  /** Whether the probe could collect garbage first (the server was started with --expose-gc). */
  gcExposed: boolean;
}

const probeEntry = path.join(import.meta.dirname, 'heap-probe.mjs');
/** A full GC of a large heap on a busy machine can take a while; past this the reading failed. */
const READ_TIMEOUT_MS = 30_000;
const POLL_MS = 20;

/** What a server needs to carry the probe: node options and the variable naming its output. */
export interface ProbeLaunch {
  execArgv: string[];
  env: Record<string, string>;
  file: string;
}

export function probeLaunch(file: string): ProbeLaunch {
  return {
    execArgv: ['--expose-gc', '--import', pathToFileURL(probeEntry).href],
    env: { BENCH_HEAP_PROBE_FILE: file },
    file,
  };
}

function isByteCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** A sample from the probe's JSON; throws on anything else, naming what is wrong. */
export function parseMemorySample(text: string): MemorySample {
  const raw = JSON.parse(text) as Record<string, unknown>;
  const fields = ['rss', 'heapTotal', 'heapUsed', 'external', 'arrayBuffers'] as const;
  for (const field of fields) {
    if (!isByteCount(raw[field])) throw new Error(`memory sample: ${field} is not a byte count`);
  }
  if (typeof raw.gcExposed !== 'boolean') throw new Error('memory sample: gcExposed is missing');
  return {
    rss: raw.rss as number,
    heapTotal: raw.heapTotal as number,
    heapUsed: raw.heapUsed as number,
    external: raw.external as number,
    arrayBuffers: raw.arrayBuffers as number,
    gcExposed: raw.gcExposed,
  };
}

async function readIfThere(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Asks process `pid` (started with {@link probeLaunch}) for a sample and waits for it. */
export async function readMemory(pid: number, launch: ProbeLaunch): Promise<MemorySample> {
  await rm(launch.file, { force: true });
  process.kill(pid, 'SIGUSR2');
  const deadline = Date.now() + READ_TIMEOUT_MS;
  for (;;) {
    const text = await readIfThere(launch.file);
    if (text !== undefined) {
      const sample = parseMemorySample(text);
      // A heap read without a collection first would count garbage as sockets.
      if (!sample.gcExposed) throw new Error('the server was not started with --expose-gc');
      return sample;
    }
    if (Date.now() > deadline) {
      throw new Error(`process ${pid} wrote no memory sample within ${READ_TIMEOUT_MS} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
