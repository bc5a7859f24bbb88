// AC5, performance: offline messages queued and sent once each, in order, even across a reload
// while offline; automatic reconnection after the server is killed and restarted, with nothing
// lost or doubled; older pages loaded on scrolling up without the view jumping.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eOutputDir } from './harness/context';
import { killServer, restartServer } from './harness/control';
import { artifacts } from './harness/steps';
import {
  bubble,
  chatHeader,
  contactAbout,
  marker,
  messageLog,
  openConversation,
  send,
  signIn,
  users,
  sharedBrowser,
} from './marketplace';
import { connectedClient, sendAll } from './node-client';

const browser = sharedBrowser();

/** The texts of the log's messages holding `tag`, top to bottom. */
const textsWith = (page: Page, tag: string) =>
  messageLog(page)
    .locator('.causette-message-bubble__text')
    .filter({ hasText: tag })
    .allTextContents();

/** Waits until the log shows exactly `expected` among the messages holding `tag`, in order. */
async function expectExactly(page: Page, tag: string, expected: readonly string[]) {
  await expect.poll(() => textsWith(page, tag), { timeout: 45_000 }).toEqual(expected);
}

describe('AC5: resilience', () => {
  it('AC5: three messages sent offline show as pending, survive a reload offline, and arrive once each, in order', async () => {
    const run = artifacts('AC5 offline queue', e2eOutputDir);
    const advertiser = await signIn(browser(), users.camille);
    const owner = await signIn(browser(), users.elodie);
    const pages = [advertiser.page, owner.page];
    const tag = marker('ac5o');
    const texts = [1, 2, 3].map((n) => `Hors connexion ${n} ${tag}`);

    await run.step(
      'both in the conversation; the app is installed for offline use',
      async () => {
        const id = await contactAbout(advertiser.page, 'L-101');
        await openConversation(owner.page, id);
        await advertiser.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      },
      pages,
    );
    await run.step(
      'offline, the advertiser sends three messages: pending',
      async () => {
        await advertiser.context.setOffline(true);
        await advertiser.page.getByText(/^Hors ligne/).waitFor();
        for (const text of texts) await send(advertiser.page, text);
        for (const text of texts)
          await bubble(advertiser.page, text).getByText('En attente').waitFor();
      },
      pages,
    );
    await run.step(
      'reloaded while still offline: still there, still pending, beside the cached conversation',
      async () => {
        await advertiser.page.reload();
        await chatHeader(advertiser.page).getByText('Élodie Durand').waitFor();
        for (const text of texts)
          await bubble(advertiser.page, text).getByText('En attente').waitFor();
        expect(await textsWith(owner.page, tag)).toEqual([]);
      },
      pages,
    );
    await run.step(
      'back online: they arrive once each, in order, at both sides',
      async () => {
        await advertiser.context.setOffline(false);
        await expectExactly(owner.page, tag, texts);
        await expectExactly(advertiser.page, tag, texts);
        for (const text of texts)
          await bubble(advertiser.page, text)
            .getByText(/Envoyé|Lu/)
            .waitFor();
        // And stored once each: a reload reads them back from the server.
        await owner.page.reload();
        await expectExactly(owner.page, tag, texts);
      },
      pages,
    );
    await advertiser.context.close();
    await owner.context.close();
  });

  it('AC5: the server is killed and restarted mid-conversation; both sides reconnect by themselves, nothing lost or doubled', async () => {
    const run = artifacts('AC5 server killed', e2eOutputDir);
    const advertiser = await signIn(browser(), users.julien);
    const owner = await signIn(browser(), users.nadia);
    const pages = [advertiser.page, owner.page];
    const tag = marker('ac5k');
    const before = `Avant la coupure ${tag}`;
    const during = [`Pendant la coupure 1 ${tag}`, `Pendant la coupure 2 ${tag}`];
    const reply = `Réponse pendant la coupure ${tag}`;

    await run.step(
      'a message goes through',
      async () => {
        const id = await contactAbout(advertiser.page, 'L-201');
        await openConversation(owner.page, id);
        await send(advertiser.page, before);
        await bubble(owner.page, before).waitFor();
      },
      pages,
    );
    await run.step(
      'the server is killed; both sides write',
      async () => {
        await killServer();
        for (const text of during) await send(advertiser.page, text);
        await send(owner.page, reply);
        for (const text of during)
          await bubble(advertiser.page, text).getByText('En attente').waitFor();
      },
      pages,
    );
    await run.step(
      'the server restarts: both reconnect and hold every message once',
      async () => {
        await restartServer();
        for (const page of pages) {
          await expect
            .poll(async () => (await textsWith(page, tag)).sort(), { timeout: 60_000 })
            .toEqual([before, ...during, reply].sort());
          const shown = await textsWith(page, tag);
          expect(shown.indexOf(during[0] ?? '')).toBeLessThan(shown.indexOf(during[1] ?? ''));
          expect(shown[0]).toBe(before);
        }
      },
      pages,
    );
    await advertiser.context.close();
    await owner.context.close();
  });

  it('AC5: scrolling up loads older pages and the message under the reader stays where it was', async () => {
    const run = artifacts('AC5 older pages', e2eOutputDir);
    const tag = marker('ac5p');
    const conversationId = await run.step('a long history, written by a Node client', async () => {
      const julien = await connectedClient(users.julien.id);
      try {
        // The one listing no other test talks about: the server lets only its advertiser and
        // its owner open its conversation, and the latency test must not find 250 unread
        // messages in its own.
        const conversation = await julien.openConversation({
          participantIds: [users.elodie.id],
          subject: { type: 'listing', id: 'L-202', title: 'T3 rénové – Île de Nantes' },
        });
        // Five pages of 50: each round below needs one still to load, even when the list has
        // fetched one more on its own between rounds (the reader is left near the top).
        const texts = Array.from({ length: 250 }, (_, i) => `Historique ${i + 1} ${tag}`);
        await sendAll(julien, conversation.id, texts);
        return conversation.id;
      } finally {
        julien.destroy();
      }
    });
    const owner = await signIn(browser(), users.elodie);
    const page = owner.page;
    await run.step(
      'the owner opens it (at the first unread of its latest page)',
      async () => {
        await openConversation(page, conversationId);
        await bubble(page, tag).first().waitFor();
      },
      [page],
    );
    for (const round of [1, 2]) {
      await run.step(
        `scroll to the top (${round}): an older page comes, the view does not jump`,
        async () => {
          const result = await page.evaluate(anchoredPrepend, 20_000);
          expect(result.error).toBeUndefined();
          expect(result.grew, 'an older page was prepended').toBe(true);
          const worst = Math.max(...result.offsets.map(Math.abs));
          expect(
            worst,
            `offsets of ${result.anchorId}: ${result.offsets.join(' ')}`,
          ).toBeLessThanOrEqual(1);
        },
        [page],
      );
    }
    await run.step(
      'the oldest of the new history is reachable',
      async () => {
        const log = messageLog(page);
        await expect
          .poll(
            async () => {
              await log.evaluate((element) => element.scrollTo({ top: 0 }));
              return bubble(page, `Historique 1 ${tag}`).count();
            },
            { timeout: 30_000 },
          )
          .toBe(1);
      },
      [page],
    );
    await owner.context.close();
  });
});

/**
 * Runs in the page: scrolls the message log to its top as a user would (a wheel, then the
 * scroll), takes the first message visible at the top as the anchor, and samples its offset from
 * where it was on every frame until an older page has been prepended and 30 more frames have
 * passed. Returns the offsets in px (0 = did not move).
 */
async function anchoredPrepend(maxMs: number): Promise<{
  grew: boolean;
  anchorId?: string;
  offsets: number[];
  error?: string;
}> {
  const log = document.querySelector<HTMLElement>('[role="log"]');
  if (!log) return { grew: false, offsets: [], error: 'no log' };
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const startHeight = log.scrollHeight;
  log.dispatchEvent(new WheelEvent('wheel', { deltaY: -100, bubbles: true }));
  log.scrollTop = 0;
  await frame();
  const logTop = () => log.getBoundingClientRect().top;
  const anchor = Array.from(log.querySelectorAll<HTMLElement>('[data-message-id]')).find(
    (row) => row.getBoundingClientRect().bottom > logTop() + 1,
  );
  const anchorId = anchor?.dataset.messageId;
  if (!anchor || !anchorId) return { grew: false, offsets: [], error: 'no message at the top' };
  const start = anchor.getBoundingClientRect().top - logTop();
  const offsets: number[] = [];
  let grewAt: number | undefined;
  const begun = performance.now();
  while (performance.now() - begun < maxMs) {
    await frame();
    const row = log.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(anchorId)}"]`);
    if (!row)
      return { grew: grewAt !== undefined, anchorId, offsets, error: 'the anchor left the view' };
    offsets.push(Math.round((row.getBoundingClientRect().top - logTop() - start) * 10) / 10);
    if (grewAt === undefined && log.scrollHeight > startHeight + 200) grewAt = offsets.length;
    if (grewAt !== undefined && offsets.length >= grewAt + 30) break;
  }
  return { grew: grewAt !== undefined, anchorId, offsets };
}
