import type { LoopDelaySummary } from './types';

/** One interval written by loop-delay-preload.ts. */
export interface LoopDelayInterval {
  atMs: number;
  maxMs: number;
  p99Ms: number;
  meanMs: number;
}

/** Reads the preload's lines (`epochMs max p99 mean`); malformed lines are skipped. */
export function parseLoopDelay(text: string): LoopDelayInterval[] {
  const intervals: LoopDelayInterval[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/).map(Number);
    if (fields.length !== 4 || fields.some((n) => !Number.isFinite(n))) continue;
    const [atMs, maxMs, p99Ms, meanMs] = fields as [number, number, number, number];
    intervals.push({ atMs, maxMs, p99Ms, meanMs });
  }
  return intervals;
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * Over the intervals that ended in [fromMs, toMs] (epoch ms): a stall in progress at `fromMs` is
 * written when it ends, so it counts.
 */
export function summarizeLoopDelay(
  intervals: readonly LoopDelayInterval[],
  fromMs: number,
  toMs: number,
): LoopDelaySummary | null {
  const inWindow = intervals.filter((i) => i.atMs >= fromMs && i.atMs <= toMs);
  if (inWindow.length === 0) return null;
  return {
    maxMs: round(Math.max(...inWindow.map((i) => i.maxMs))),
    worstIntervalP99Ms: round(Math.max(...inWindow.map((i) => i.p99Ms))),
    meanMs: round(inWindow.reduce((sum, i) => sum + i.meanMs, 0) / inWindow.length),
    intervals: inWindow.length,
  };
}
