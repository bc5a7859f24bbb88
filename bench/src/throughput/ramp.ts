// The throughput ramp: one target, the same sockets, the offered rate raised step by step until a
// step misses the bar (p99 at or over the limit, or a message lost, doubled or refused, or a
// socket dropped). The highest step that met it is the target's capacity at that bar.
import type { Load, SeriesResult } from '../load/types';
import { formatMs } from '../report/table';

/** The bar of the issue: p99 under 50 ms, nothing lost or doubled. */
export const P99_LIMIT_MS = 50;

export interface RampStep {
  rate: number;
  series: SeriesResult;
  /** Whether this step met the bar. */
  passed: boolean;
  /** Why not, when it did not. */
  miss?: string;
}

export interface RampResult {
  steps: RampStep[];
  /** The highest rate that met the bar; null when the first step missed. */
  capacity: number | null;
}

/** Why `series` misses the bar, or undefined when it meets it. */
export function missOf(series: SeriesResult, p99LimitMs = P99_LIMIT_MS): string | undefined {
  if (series.failure) return `failed: ${series.failure}`;
  if (series.p99 === null) return 'nothing delivered';
  const refused = Object.values(series.errors).reduce((sum, count) => sum + count, 0);
  if (series.lost > 0) return `${series.lost} lost`;
  if (series.doubled > 0) return `${series.doubled} doubled`;
  if (refused > 0) return `${refused} refused`;
  if (series.disconnects > 0) return `${series.disconnects} disconnects`;
  if (series.p99 >= p99LimitMs) return `p99 ${formatMs(series.p99)} ms`;
  return undefined;
}

/**
 * Runs `measure` at each rate in order and stops after the first step that misses the bar: a
 * ramp past capacity only piles up backlog that the next step would inherit.
 */
export async function ramp(
  rates: readonly number[],
  load: Omit<Load, 'rate'>,
  measure: (load: Load) => Promise<SeriesResult>,
  onStep: (step: RampStep) => void = () => {},
): Promise<RampResult> {
  const steps: RampStep[] = [];
  let capacity: number | null = null;
  for (const rate of rates) {
    const series = await measure({ ...load, rate });
    const miss = missOf(series);
    const step: RampStep = { rate, series, passed: miss === undefined, ...(miss ? { miss } : {}) };
    steps.push(step);
    onStep(step);
    if (miss) break;
    capacity = rate;
  }
  return { steps, capacity };
}
