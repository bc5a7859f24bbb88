// Shapes of the render part of the weight report: MessageList in Chromium.
import type { SeriesName } from '../entries';
import type { RenderSeriesKey } from './page-protocol';

/** Milliseconds over the runs of one figure: the median (p50), p95, p99, max, and each run. */
export interface TimingSummary {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  runs: number[];
}

export interface RenderSeries {
  /** `causette` for the kit's list, `baseline` for the others. */
  name: SeriesName;
  list: RenderSeriesKey;
  /** What was rendered, e.g. "@causette/react MessageList (virtualized)". */
  description: string;
  /** From `render()` to the last message on screen, with `messages` in the conversation. */
  mountMs: TimingSummary | null;
  /** From a new message entering the store to it on screen. */
  newMessageMs: TimingSummary | null;
  /** Rows in the DOM after the new message (the median run's). */
  domRows: number | null;
  failure?: string;
}

export interface RenderReport {
  /** The browser's version string, e.g. "Chromium 140.0.0.0". */
  browser: string;
  messages: number;
  runs: number;
  series: RenderSeries[];
  /** Why nothing could be measured (no Chromium, a page that did not load). */
  failure?: string;
}
