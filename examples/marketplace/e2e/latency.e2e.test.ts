// The seed's "< 100 ms de latence": from Enter at one user to the message in the other's DOM,
// over 100 messages, written to e2e-results/latency.json for bench/ to read. No time is asserted
// here (a loaded CI machine is not a measure); the report is.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eOutputDir } from './harness/context';
import { artifacts } from './harness/steps';
import {
  contactAbout,
  marker,
  messageInput,
  messageLog,
  openConversation,
  signIn,
  users,
  sharedBrowser,
} from './marketplace';

const SAMPLES = 100;

const browser = sharedBrowser();

/**
 * Both clocks are the machine's (`performance.timeOrigin + performance.now()` in each page):
 * the sender notes when Enter goes down on a message holding `${tag}-<n>-fin`, the receiver when
 * message log shows it.
 */
async function instrument(sender: Page, receiver: Page, tag: string): Promise<void> {
  await sender.evaluate((label) => {
    const sent: Record<string, number> = {};
    (window as unknown as { __sent: Record<string, number> }).__sent = sent;
    const pattern = new RegExp(`${label}-(\\d+)-fin`);
    document.addEventListener(
      'keydown',
      (event) => {
        const target = event.target;
        if (event.key !== 'Enter' || event.shiftKey || !(target instanceof HTMLTextAreaElement))
          return;
        const n = pattern.exec(target.value)?.[1];
        if (n !== undefined) sent[n] = performance.timeOrigin + performance.now();
      },
      true,
    );
  }, tag);
  await receiver.evaluate((label) => {
    const seen: Record<string, number> = {};
    (window as unknown as { __seen: Record<string, number> }).__seen = seen;
    const pattern = new RegExp(`${label}-(\\d+)-fin`, 'g');
    // On any change, the log's text: the message may come as a new row or into a reused one.
    new MutationObserver(() => {
      const now = performance.timeOrigin + performance.now();
      const text = document.querySelector('[role="log"]')?.textContent ?? '';
      for (const match of text.matchAll(pattern)) {
        const n = match[1];
        if (n !== undefined && seen[n] === undefined) seen[n] = now;
      }
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  }, tag);
}

/** Scrolls the message log to its end, as a reader would, so that new messages follow. */
async function scrollToEnd(page: Page): Promise<void> {
  await expect
    .poll(
      () =>
        messageLog(page).evaluate(async (log) => {
          log.dispatchEvent(new WheelEvent('wheel', { deltaY: 1000, bubbles: true }));
          log.scrollTop = log.scrollHeight;
          await new Promise((resolve) => requestAnimationFrame(resolve));
          return log.scrollHeight - log.scrollTop - log.clientHeight;
        }),
      { timeout: 15_000 },
    )
    .toBeLessThanOrEqual(2);
}

/** The value below which `p` % of the sorted samples lie (nearest rank). */
function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

describe('latency', () => {
  it(`measures Enter to the other side's DOM over ${SAMPLES} messages (latency.json)`, async () => {
    const run = artifacts('latency', e2eOutputDir);
    const advertiser = await signIn(browser(), users.sophie);
    const owner = await signIn(browser(), users.marc);
    const pages = [advertiser.page, owner.page];
    const tag = marker('lat');

    await run.step(
      'both in the conversation, instrumented',
      async () => {
        const id = await contactAbout(advertiser.page, 'L-301');
        await openConversation(owner.page, id);
        await scrollToEnd(owner.page);
        await instrument(advertiser.page, owner.page, tag);
      },
      pages,
    );
    const samples = await run.step(
      `${SAMPLES} messages, one at a time`,
      async () => {
        const input = messageInput(advertiser.page);
        for (let n = 0; n < SAMPLES; n++) {
          await input.fill(`Mesure ${tag}-${n}-fin`);
          await input.press('Enter');
          await owner.page.waitForFunction(
            (key) => (window as unknown as { __seen: Record<string, number> }).__seen[key],
            String(n),
          );
        }
        const sent = await advertiser.page.evaluate(
          () => (window as unknown as { __sent: Record<string, number> }).__sent,
        );
        const seen = await owner.page.evaluate(
          () => (window as unknown as { __seen: Record<string, number> }).__seen,
        );
        return Array.from({ length: SAMPLES }, (_, n) => {
          const from = sent[n];
          const to = seen[n];
          if (from === undefined || to === undefined) throw new Error(`message ${n} not timed`);
          return Math.round((to - from) * 10) / 10;
        });
      },
      pages,
    );
    const sorted = [...samples].sort((a, b) => a - b);
    const report = {
      samples,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
    };
    writeFileSync(path.join(e2eOutputDir, 'latency.json'), `${JSON.stringify(report, null, 2)}\n`);
    // eslint-disable-next-line no-console -- the issue asks for the figures to be reported.
    console.info(
      `[latency] Enter to the other side's DOM, ${SAMPLES} messages: p50 ${report.p50} ms, p95 ${report.p95} ms, p99 ${report.p99} ms`,
    );
    expect(samples).toHaveLength(SAMPLES);
    // Each measure is a real interval: the message showed after Enter.
    for (const sample of samples) expect(sample).toBeGreaterThan(0);
    await advertiser.context.close();
    await owner.context.close();
  });
});
