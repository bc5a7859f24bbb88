import type { LoopDelaySummary } from './types';

/** One interval written by loop-delay-preload.mjs. */
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
 * Over the intervals that ended in [fromMs, toMs] (epoch ms). A stall is written when it ends, so
 * one in progress at `fromMs` is in the first interval; only its part after `fromMs` (at most
 * `atMs - fromMs`) is counted: the chat server's start-up (loading its modules, opening PGlite)
 * blocks the loop just before it listens, and that block is not the storm's.
 */
export function summarizeLoopDelay(
  intervals: readonly LoopDelayInterval[],
  fromMs: number,
  toMs: number,
): LoopDelaySummary | null {
  const inWindow = intervals
    .filter((i) => i.atMs >= fromMs && i.atMs <= toMs)
    .map((i) => {
      const since = i.atMs - fromMs;
      return { ...i, maxMs: Math.min(i.maxMs, since), p99Ms: Math.min(i.p99Ms, since) };
    });
  if (inWindow.length === 0) return null;
  return {
    maxMs: round(Math.max(...inWindow.map((i) => i.maxMs))),
    worstIntervalP99Ms: round(Math.max(...inWindow.map((i) => i.p99Ms))),
    meanMs: round(inWindow.reduce((sum, i) => sum + i.meanMs, 0) / inWindow.length),
    intervals: inWindow.length,
  };
}
