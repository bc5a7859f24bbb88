// AC1, messagerie temps réel: sent and received at once, no reload needed, history kept in the
// database, images through the upload flow.
import { describe, expect, it } from 'vitest';
import { e2eOutputDir } from './harness/context';
import { artifacts } from './harness/steps';
import { gradientPng } from './images';
import {
  bubble,
  contactAbout,
  marker,
  messageLog,
  openConversation,
  send,
  signIn,
  users,
  sharedBrowser,
} from './marketplace';

const browser = sharedBrowser();

describe('AC1: real-time messaging', () => {
  it('AC1: a message typed by the advertiser appears at the owner’s without reload, and both find it after a reload and in a fresh browser', async () => {
    const run = artifacts('AC1 real-time and history', e2eOutputDir);
    const advertiser = await signIn(browser(), users.camille);
    const owner = await signIn(browser(), users.elodie);
    const pages = [advertiser.page, owner.page];
    const text = `Bonjour Élodie, la visite de samedi tient toujours ? ${marker('ac1')}`;

    const conversationId = await run.step(
      'both open the conversation about the listing',
      async () => {
        const id = await contactAbout(advertiser.page, 'L-101');
        await openConversation(owner.page, id);
        return id;
      },
      pages,
    );
    await run.step(
      'the advertiser sends; the owner sees it without reloading',
      async () => {
        await send(advertiser.page, text);
        await bubble(owner.page, text).waitFor();
        // The owner has it on screen: the advertiser's copy says it was read.
        await bubble(advertiser.page, text).getByText('Lu').waitFor();
      },
      pages,
    );
    await run.step(
      'both reload: the history is there',
      async () => {
        await Promise.all(pages.map((page) => page.reload()));
        for (const page of pages) await bubble(page, text).waitFor();
      },
      pages,
    );
    await run.step(
      'the owner in a fresh browser (empty IndexedDB): the history comes from the database',
      async () => {
        await owner.context.close();
        const fresh = await signIn(browser(), users.elodie);
        pages[1] = fresh.page;
        await openConversation(fresh.page, conversationId);
        await bubble(fresh.page, text).waitFor();
        expect(await bubble(fresh.page, text).count()).toBe(1);
      },
      pages,
    );
    await advertiser.context.close();
    await pages[1]?.context().close();
  });

  it('AC1: an image sent through the upload flow shows at both sides', async () => {
    const run = artifacts('AC1 image', e2eOutputDir);
    const advertiser = await signIn(browser(), users.camille);
    const owner = await signIn(browser(), users.elodie);
    const pages = [advertiser.page, owner.page];
    const caption = `Le plan du T2 ${marker('img')}`;

    await run.step(
      'both open the conversation',
      async () => {
        const id = await contactAbout(advertiser.page, 'L-101');
        await openConversation(owner.page, id);
      },
      pages,
    );
    await run.step(
      'the advertiser attaches a photo, captions it and sends',
      async () => {
        const chooser = advertiser.page.waitForEvent('filechooser');
        await advertiser.page.getByRole('button', { name: 'Joindre une image' }).click();
        await (
          await chooser
        ).setFiles({
          name: 'plan.png',
          mimeType: 'image/png',
          buffer: gradientPng(320, 200, [40, 90, 200]),
        });
        await advertiser.page.getByRole('img', { name: 'Image à envoyer' }).waitFor();
        await send(advertiser.page, caption);
      },
      pages,
    );
    await run.step(
      'the image is loaded at both sides, with its caption',
      async () => {
        for (const page of pages) {
          const image = bubble(page, caption).locator('img');
          await image.waitFor();
          await expect
            .poll(
              () => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth),
              {
                timeout: 15_000,
              },
            )
            .toBe(320);
        }
        // Served by the chat server's Cloudinary-compatible endpoint, not a blob of the sender.
        const src = await bubble(owner.page, caption).locator('img').getAttribute('src');
        expect(src).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
        await expect(
          messageLog(owner.page)
            .getByRole('img', { name: /Camille Martin/ })
            .count(),
        ).resolves.toBeGreaterThan(0);
      },
      pages,
    );
    await advertiser.context.close();
    await owner.context.close();
  });
});
