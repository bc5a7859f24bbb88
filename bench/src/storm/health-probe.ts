// `/healthz` response times during the storm, from outside: one request at a time, so the figure
// is how long a request waited for the server (accept, parse, answer), not a queue of our own.
import type { HealthSummary } from './types';

/** A request that takes longer is given up and counted as failed. */
const REQUEST_TIMEOUT_MS = 30_000;
const PAUSE_MS = 250;

export interface HealthProbe {
  /** Stops after the request in flight; resolves with what was seen. */
  stop(): Promise<HealthSummary>;
}

export function probeHealth(url: string): HealthProbe {
  const times: number[] = [];
  let failed = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const start = performance.now();
      try {
        const response = await fetch(`${url}/healthz`, {
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        await response.body?.cancel();
        if (response.ok) times.push(performance.now() - start);
        else failed++;
      } catch {
        failed++;
      }
      await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return summarizeHealth(times, failed);
    },
  };
}

export function summarizeHealth(times: readonly number[], failed: number): HealthSummary {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => {
    const value = sorted[Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length))) - 1];
    return value === undefined ? null : Math.round(value);
  };
  return { requests: times.length + failed, failed, p50: at(0.5), max: at(1) };
}
