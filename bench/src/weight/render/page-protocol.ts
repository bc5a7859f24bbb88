// What the page returns to the benchmark (page.evaluate's JSON), and its checking on the way back.

/**
 * The lists the page can mount: the kit's MessageList; every message as a plain React list; a
 * peer kit's list (@chatscope/chat-ui-kit-react's MessageList).
 */
export const RENDER_SERIES = ['causette', 'plain', 'chatscope'] as const;
export type RenderSeriesKey = (typeof RENDER_SERIES)[number];

export interface PageTiming {
  mountMs: number;
  newMessageMs: number;
  domRows: number;
}

/** The expression page.evaluate runs for one measure. */
export function runExpression(series: RenderSeriesKey, count: number): string {
  return `window.causetteBench.run(${JSON.stringify(series)}, ${Math.trunc(count)})`;
}

const isFiniteNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;

/** The page's answer, or an error naming what came back instead. */
export function parsePageTiming(value: unknown): PageTiming {
  if (typeof value === 'object' && value !== null) {
    const { mountMs, newMessageMs, domRows } = value as Record<string, unknown>;
    if (isFiniteNumber(mountMs) && isFiniteNumber(newMessageMs) && isFiniteNumber(domRows)) {
      return { mountMs, newMessageMs, domRows };
    }
  }
  throw new Error(`unexpected answer from the page: ${JSON.stringify(value)}`);
}
