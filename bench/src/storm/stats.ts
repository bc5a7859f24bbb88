import type { BackSummary } from './types';

/**
 * The time by which a share `q` of all clients had come back: nearest rank over every client,
 * those never back counting as later than any time, so a share never reached is null.
 */
export function timeToShare(times: readonly (number | null)[], q: number): number | null {
  if (times.length === 0) return null;
  const done = times.filter((t): t is number => t !== null).sort((a, b) => a - b);
  const rank = Math.min(times.length, Math.max(1, Math.ceil(q * times.length)));
  const value = done[rank - 1];
  return value === undefined ? null : Math.round(value);
}

/** 50/95/99/100 % back and how many never came back, from per-client times (ms, null: never). */
export function summarizeBack(times: readonly (number | null)[]): BackSummary {
  const leftBehind = times.filter((t) => t === null).length;
  return {
    p50: timeToShare(times, 0.5),
    p95: timeToShare(times, 0.95),
    p99: timeToShare(times, 0.99),
    max: leftBehind === 0 ? timeToShare(times, 1) : null,
    leftBehind,
  };
}

/**
 * Each client's time relative to `origin` (epoch ms); null (never) stays null, and so becomes a
 * time past `boundMs`: that client was left behind.
 */
export function relativeTo(
  origin: number,
  epochTimes: readonly (number | null)[],
  boundMs = Infinity,
): (number | null)[] {
  return epochTimes.map((t) => (t === null || t - origin > boundMs ? null : t - origin));
}
