// The demo as a visitor meets it beyond the acceptance criteria: a deep link survives the
// sign-in, a phone shows one pane at a time, and the English switch reaches the kit too.
import { describe, expect, inject, it } from 'vitest';
import { newPerson } from './harness/browser';
import { e2eOutputDir } from './harness/context';
import { artifacts } from './harness/steps';
import {
  chatHeader,
  contactAbout,
  messageInput,
  messageLog,
  sharedBrowser,
  signIn,
  users,
} from './marketplace';

const browser = sharedBrowser();

describe('the marketplace app', () => {
  it('loads and signs in with no failed request and no error in the console', async () => {
    const { context, page } = await newPerson(browser(), { baseURL: inject('demoUrl') });
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page: ${String(error)}`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });
    await page.goto('/');
    await page.getByRole('button', { name: users.elodie.name, exact: true }).click();
    // Signed in (as signIn() waits): leaving earlier would cut the sign-in short.
    await page.getByRole('heading', { name: 'Annonces' }).waitFor();
    await page.goto('/messages');
    await page.locator('[data-causette-conversation]').first().waitFor();
    // The favicon is asked for by the browser on its own, after the load.
    await page.waitForLoadState('networkidle');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('opens a deep link to a conversation after the sign-in, and on a phone shows one pane at a time', async () => {
    const run = artifacts('app deep link and phone', e2eOutputDir);
    const conversationId = await (async () => {
      const advertiser = await signIn(browser(), users.camille);
      const id = await contactAbout(advertiser.page, 'L-101');
      await advertiser.context.close();
      return id;
    })();
    const { context, page } = await newPerson(browser(), { baseURL: inject('demoUrl') });
    await page.setViewportSize({ width: 390, height: 800 });
    const list = page.locator('.messages__list');
    const chat = page.locator('.messages__chat');

    await run.step(
      'the link first asks who you are, then opens the conversation',
      async () => {
        await page.goto(`/messages/${conversationId}`);
        await page.getByRole('button', { name: users.elodie.name, exact: true }).click();
        await chatHeader(page).getByText('Camille Martin (Agence Bellecour)').waitFor();
        expect(new URL(page.url()).pathname).toBe(`/messages/${conversationId}`);
        // A phone: the conversation alone.
        await expect(list.isVisible()).resolves.toBe(false);
      },
      [page],
    );
    await run.step(
      'back to the list: the list alone; a row opens the conversation again',
      async () => {
        await page.getByRole('link', { name: 'Conversations' }).click();
        await page.waitForURL(/\/messages$/);
        await list.waitFor();
        await expect(chat.isVisible()).resolves.toBe(false);
        await page.locator(`[data-causette-conversation="${conversationId}"]`).click();
        await messageLog(page).waitFor();
        await expect(list.isVisible()).resolves.toBe(false);
        // Nothing is wider than the phone.
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow).toBeLessThanOrEqual(0);
      },
      [page],
    );
    await context.close();
  });

  it('switches to English, the kit included, and remembers it', async () => {
    const run = artifacts('app English', e2eOutputDir);
    const owner = await signIn(browser(), users.marc);
    const page = owner.page;
    await run.step(
      'English from the header',
      async () => {
        await page.getByRole('combobox', { name: 'Langue' }).selectOption('en');
        await page.getByRole('heading', { name: 'Listings' }).waitFor();
        await page.goto('/annonces/L-102');
        await page.getByRole('button', { name: 'Contact the advertiser' }).click();
        await page.waitForURL(/\/messages\//);
        await page.getByRole('textbox', { name: 'Your message' }).waitFor();
        await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('en');
      },
      [page],
    );
    await run.step(
      'still English after a reload',
      async () => {
        await page.reload();
        await page.getByRole('textbox', { name: 'Your message' }).waitFor();
        await expect(messageInput(page).count()).resolves.toBe(0);
      },
      [page],
    );
    await owner.context.close();
  });
});
