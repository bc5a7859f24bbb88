// AC4, conversations: the list with previews, ordered by the last message and reordered live;
// mark read and unread (menu and keyboard) move the header's badge; search finds a message
// whatever its accents and number, and opens it in its conversation.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eOutputDir } from './harness/context';
import { artifacts } from './harness/steps';
import {
  bubble,
  contactAbout,
  headerUnread,
  marker,
  send,
  signIn,
  users,
  sharedBrowser,
  LIVE,
} from './marketplace';

const browser = sharedBrowser();

const rows = (page: Page) => page.locator('[data-causette-conversation]');
const row = (page: Page, id: string) => page.locator(`[data-causette-conversation="${id}"]`);
const firstRowId = (page: Page) => rows(page).first().getAttribute('data-causette-conversation');
/** The unread count a row's badge shows (0 without one). */
async function rowUnread(page: Page, id: string): Promise<number> {
  const badge = page
    .getByRole('listitem')
    .filter({ has: row(page, id) })
    .locator('.causette-unread-badge');
  if ((await badge.count()) === 0) return 0;
  // What a screen reader says: "3 messages non lus".
  const said = await badge.locator('.causette-visually-hidden').textContent();
  return Number(/\d+/.exec(said ?? '')?.[0] ?? NaN);
}

/** A search result holding the last word of `text` (its marker). */
const searchHit = (page: Page, text: string) =>
  page.locator('.causette-message-search__hit', { hasText: text.split(' ').at(-1) ?? text });

describe('AC4: conversations', () => {
  it('AC4: previews, live order by last message, mark read and unread from the menu and the keyboard', async () => {
    const run = artifacts('AC4 list order and read state', e2eOutputDir);
    const advertiser = await signIn(browser(), users.camille);
    const marc = await signIn(browser(), users.marc);
    const elodie = await signIn(browser(), users.elodie);
    const list = advertiser.page;
    const pages = [list, marc.page, elodie.page];

    const [withMarc, withElodie] = await run.step(
      'the advertiser on the messages page; both owners in their conversation with her',
      async () => {
        await list.getByRole('link', { name: /^Messages/ }).click();
        await rows(list).first().waitFor();
        return [await contactAbout(marc.page, 'L-102'), await contactAbout(elodie.page, 'L-101')];
      },
      pages,
    );
    const fromMarc = `Le chauffe-eau est réparé ${marker('ac4m')}`;
    await run.step(
      'Marc writes: his conversation goes first, with the message as its preview',
      async () => {
        await send(marc.page, fromMarc);
        await expect.poll(() => firstRowId(list), { ...LIVE, message: 'first row' }).toBe(withMarc);
        await row(list, withMarc).getByText(fromMarc).waitFor();
      },
      pages,
    );
    const fromElodie = `Les clés sont chez la gardienne ${marker('ac4e')}`;
    await run.step(
      'Élodie writes: hers goes first',
      async () => {
        await send(elodie.page, fromElodie);
        await expect
          .poll(() => firstRowId(list), { ...LIVE, message: 'first row' })
          .toBe(withElodie);
        await row(list, withElodie).getByText(fromElodie).waitFor();
        await expect
          .poll(() => rowUnread(list, withElodie), { ...LIVE, message: 'row badge' })
          .toBeGreaterThan(0);
      },
      pages,
    );
    await run.step(
      'mark read from the menu: the header badge goes down; mark unread: up again',
      async () => {
        const total = await headerUnread(list);
        const unread = await rowUnread(list, withElodie);
        expect(unread).toBeGreaterThan(0);
        const menu = () =>
          list.getByRole('button', { name: 'Actions pour la conversation avec Élodie Durand' });
        await menu().click();
        await list.getByRole('menuitem', { name: 'Marquer comme lu' }).click();
        await expect
          .poll(() => headerUnread(list), { ...LIVE, message: 'badge after read' })
          .toBe(total - unread);
        await menu().click();
        await list.getByRole('menuitem', { name: 'Marquer comme non lu' }).click();
        await expect
          .poll(() => headerUnread(list), { ...LIVE, message: 'badge after unread' })
          .toBeGreaterThan(total - unread);
      },
      pages,
    );
    await run.step(
      'the same from the keyboard: r marks read, u unread',
      async () => {
        await row(list, withMarc).focus();
        const total = await headerUnread(list);
        const unread = await rowUnread(list, withMarc);
        expect(unread).toBeGreaterThan(0);
        await list.keyboard.press('r');
        await expect
          .poll(() => headerUnread(list), { ...LIVE, message: 'badge after r' })
          .toBe(total - unread);
        await expect
          .poll(() => rowUnread(list, withMarc), { ...LIVE, message: 'row after r' })
          .toBe(0);
        await list.keyboard.press('u');
        await expect
          .poll(() => rowUnread(list, withMarc), { ...LIVE, message: 'row after u' })
          .toBeGreaterThan(0);
        // The header's total comes with the server's count, a moment after the row's.
        await expect
          .poll(() => headerUnread(list), { ...LIVE, message: 'badge after u' })
          .toBeGreaterThan(total - unread);
      },
      pages,
    );
    for (const person of [advertiser, marc, elodie]) await person.context.close();
  });

  it('AC4: search finds a message written with other accents and in the plural, and opens it', async () => {
    const run = artifacts('AC4 search', e2eOutputDir);
    const advertiser = await signIn(browser(), users.camille);
    const elodie = await signIn(browser(), users.elodie);
    const pages = [advertiser.page, elodie.page];
    const text = `Les échéanciers des travaux sont prêts ${marker('ac4s')}`;

    const conversationId = await run.step(
      'Élodie writes about the works’ schedules',
      async () => {
        const id = await contactAbout(elodie.page, 'L-101');
        await send(elodie.page, text);
        await bubble(elodie.page, text)
          .getByText('Envoyé')
          .or(bubble(elodie.page, text).getByText('Lu'))
          .waitFor();
        return id;
      },
      pages,
    );
    await run.step(
      'the advertiser searches "echeancier": no accent, singular',
      async () => {
        const page = advertiser.page;
        await page.getByRole('link', { name: /^Messages/ }).click();
        await page.locator('summary', { hasText: 'Rechercher dans les messages' }).click();
        await page
          .getByRole('searchbox', { name: 'Rechercher dans les messages' })
          .fill('echeancier');
        await page.getByRole('searchbox', { name: 'Rechercher dans les messages' }).press('Enter');
        const hit = searchHit(page, text);
        await hit.waitFor();
        // The server's highlight, as an element.
        await expect(hit.locator('mark').first().textContent()).resolves.toMatch(/échéanciers/i);
      },
      pages,
    );
    await run.step(
      'the hit opens the message in its conversation',
      async () => {
        const page = advertiser.page;
        await searchHit(page, text).click();
        await page.waitForURL(new RegExp(`/messages/${conversationId}\\?message=`));
        const message = bubble(page, text);
        await message.waitFor();
        await expect(message.evaluate((el) => el.className)).resolves.toContain('highlighted');
      },
      pages,
    );
    await advertiser.context.close();
    await elodie.context.close();
  });
});
