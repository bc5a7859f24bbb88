// MessageList with 10,000 messages in headless Chromium: mount time and the time to show one new
// message, the kit's list beside baselines of the same messages (a plain React list; a peer kit's
// list), each run in a fresh page load, the lists taking turns so that a busy moment hits all.
import type { Browser, BrowserContext } from 'playwright-core';
import { bundlePage } from './bundle-page';
import { launchChromium } from './chromium';
import {
  type PageTiming,
  RENDER_SERIES,
  type RenderSeriesKey,
  parsePageTiming,
  runExpression,
} from './page-protocol';
import { type PageServer, servePage } from './page-server';
import { atMedianRun, runsFor, summarizeRuns } from './summarize';
import type { RenderReport, RenderSeries } from './types';

export const MESSAGES = 10_000;

const DESCRIPTIONS: Record<RenderSeriesKey, string> = {
  causette: '@causette/react MessageList (virtualized)',
  plain: 'plain React list, every message in the DOM',
  chatscope: '@chatscope/chat-ui-kit-react MessageList',
};

/** The lists of a run: quick runs leave out the slowest (chatscope's, not virtualized). */
export function listsFor(quick: boolean): RenderSeriesKey[] {
  return quick ? ['causette', 'plain'] : [...RENDER_SERIES];
}

/** Run `run`'s order: the lists rotated by one each run. */
export function turnOrder<T>(lists: readonly T[], run: number): T[] {
  const shift = run % Math.max(1, lists.length);
  return [...lists.slice(shift), ...lists.slice(0, shift)];
}

/** Time for the whole render part, Chromium's start included: past it, no further run starts. */
const BUDGET_MS = { quick: 12_000, full: 180_000 };
const PAGE_TIMEOUT_MS = 60_000;
/** Chromium can take long to start on a loaded machine; a quick run gives up sooner. */
const LAUNCH_TIMEOUT_MS = { quick: 15_000, full: 60_000 };

async function measureOnce(
  context: BrowserContext,
  url: string,
  series: RenderSeriesKey,
): Promise<PageTiming> {
  const page = await context.newPage();
  try {
    page.setDefaultTimeout(PAGE_TIMEOUT_MS);
    await page.goto(url);
    await page.waitForFunction('"causetteBench" in window');
    return parsePageTiming(await page.evaluate(runExpression(series, MESSAGES)));
  } finally {
    await page.close();
  }
}

function seriesOf(key: RenderSeriesKey, runs: PageTiming[], failure?: string): RenderSeries {
  const median = atMedianRun(runs, (run) => run.mountMs);
  return {
    name: key === 'causette' ? 'causette' : 'baseline',
    list: key,
    description: DESCRIPTIONS[key],
    mountMs: summarizeRuns(runs.map((run) => run.mountMs)),
    newMessageMs: summarizeRuns(runs.map((run) => run.newMessageMs)),
    domRows: median?.domRows ?? null,
    ...(failure ? { failure } : {}),
  };
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function runRenderBench(options: {
  quick: boolean;
  log: (line: string) => void;
}): Promise<RenderReport> {
  const deadline = performance.now() + BUDGET_MS[options.quick ? 'quick' : 'full'];
  const runs = runsFor(options.quick);
  let browser: Browser | undefined;
  let server: PageServer | undefined;
  try {
    server = await servePage(await bundlePage());
    browser = await launchChromium(LAUNCH_TIMEOUT_MS[options.quick ? 'quick' : 'full']);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const lists = listsFor(options.quick);
    const timings = new Map<RenderSeriesKey, PageTiming[]>(lists.map((key) => [key, []]));
    const failures: Partial<Record<RenderSeriesKey, string>> = {};
    for (let run = 0; run < runs && performance.now() < deadline; run++) {
      for (const key of turnOrder(lists, run)) {
        if (failures[key]) continue;
        try {
          timings.get(key)?.push(await measureOnce(context, server.url, key));
        } catch (error) {
          failures[key] = messageOf(error);
        }
      }
      options.log(`  run ${run + 1}/${runs} done`);
    }
    const counts = [...timings.values()].map((measured) => measured.length);
    if (Math.min(...counts) < runs && Object.keys(failures).length === 0) {
      options.log(`  stopped after ${Math.min(...counts)} runs (time budget)`);
    }
    return {
      browser: `Chromium ${browser.version()}`,
      messages: MESSAGES,
      runs: Math.max(...counts),
      series: lists.map((key) => seriesOf(key, timings.get(key) ?? [], failures[key])),
    };
  } catch (error) {
    return {
      browser: 'Chromium',
      messages: MESSAGES,
      runs: 0,
      series: [],
      failure: messageOf(error),
    };
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.close();
  }
}
