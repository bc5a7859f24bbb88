// The resident memory of a process, read from /proc/<pid>/status by the benchmark itself, so it
// is sampled even while the process's own event loop is stuck.
import { readFile } from 'node:fs/promises';

/** `VmRSS` of a /proc/<pid>/status text, in KiB; undefined when absent. */
export function parseVmRssKiB(status: string): number | undefined {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  return match ? Number(match[1]) : undefined;
}

export interface RssSampler {
  /** Stops sampling; the highest RSS seen (KiB), undefined when nothing could be read. */
  stop(): number | undefined;
}

/** Samples the RSS of `pid` every `intervalMs` and keeps the peak. */
export function sampleRss(pid: number | undefined, intervalMs = 100): RssSampler {
  let peak: number | undefined;
  let reading = false;
  const read = async () => {
    if (pid === undefined || reading) return;
    reading = true;
    try {
      const kib = parseVmRssKiB(await readFile(`/proc/${pid}/status`, 'utf8'));
      if (kib !== undefined && (peak === undefined || kib > peak)) peak = kib;
    } catch {
      // gone, or not Linux: nothing to sample
    } finally {
      reading = false;
    }
  };
  void read();
  const timer = setInterval(() => void read(), intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}

/** One RSS reading of `pid`, KiB. */
export async function readRssKiB(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  try {
    return parseVmRssKiB(await readFile(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return undefined;
  }
}

export function kibToMiB(kib: number | undefined): number | null {
  return kib === undefined ? null : Math.round((kib / 1024) * 10) / 10;
}
