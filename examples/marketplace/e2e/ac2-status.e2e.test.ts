// AC2, indicateurs de statut: "En ligne" / "Vu il y a …" for the other member, and "… est en
// train d'écrire…" while they type.
import { describe, it } from 'vitest';
import { e2eOutputDir } from './harness/context';
import { artifacts } from './harness/steps';
import {
  bubble,
  chatHeader,
  contactAbout,
  marker,
  messageInput,
  openConversation,
  signIn,
  users,
  sharedBrowser,
} from './marketplace';

const browser = sharedBrowser();

const typingText = /Julien Moreau \(Nantes Centre Immo\) est en train d.écrire/;

describe('AC2: status indicators', () => {
  it('AC2: the owner sees "En ligne" while the advertiser is connected and "Vu il y a …" after they leave', async () => {
    const run = artifacts('AC2 online and last seen', e2eOutputDir);
    const advertiser = await signIn(browser(), users.julien);
    const owner = await signIn(browser(), users.nadia);
    const pages = [advertiser.page, owner.page];

    await run.step(
      'both in the conversation: the owner sees the advertiser online',
      async () => {
        const id = await contactAbout(advertiser.page, 'L-201');
        await openConversation(owner.page, id);
        await chatHeader(owner.page).getByText('En ligne').waitFor();
      },
      pages,
    );
    await run.step(
      'the advertiser closes the app: after the grace, "Vu il y a …"',
      async () => {
        await advertiser.context.close();
        // The server announces the departure after its 5 s grace (a reload is not a departure).
        await chatHeader(owner.page)
          .getByText(/^Vu (il y a|à l.instant)/)
          .waitFor({ timeout: 20_000 });
        await chatHeader(owner.page).getByText('En ligne').waitFor({ state: 'detached' });
      },
      [owner.page],
    );
    await owner.context.close();
  });

  it('AC2: "… est en train d’écrire…" shows while the advertiser types, and goes on send and on a pause', async () => {
    const run = artifacts('AC2 typing', e2eOutputDir);
    const advertiser = await signIn(browser(), users.julien);
    const owner = await signIn(browser(), users.nadia);
    const pages = [advertiser.page, owner.page];
    const typing = owner.page.getByText(typingText);

    await run.step(
      'both in the conversation',
      async () => {
        const id = await contactAbout(advertiser.page, 'L-201');
        await openConversation(owner.page, id);
      },
      pages,
    );
    await run.step(
      'the advertiser types: the owner sees it',
      async () => {
        await messageInput(advertiser.page).pressSequentially('Bonjour Nadia, ', { delay: 40 });
        await typing.waitFor();
      },
      pages,
    );
    const text = `la maison est libre en mars ${marker('ac2')}`;
    await run.step(
      'the advertiser sends: the indicator goes with the message',
      async () => {
        await messageInput(advertiser.page).pressSequentially(text, { delay: 10 });
        await messageInput(advertiser.page).press('Enter');
        await bubble(owner.page, text).waitFor();
        await typing.waitFor({ state: 'detached', timeout: 3_000 });
      },
      pages,
    );
    await run.step(
      'the advertiser types again, then pauses: the indicator goes after the pause',
      async () => {
        await messageInput(advertiser.page).pressSequentially('Et pour le ', { delay: 40 });
        await typing.waitFor();
        // typing:stop after 5 s without a keystroke; a receiver clears it 6 s after the last start.
        await typing.waitFor({ state: 'detached', timeout: 12_000 });
      },
      pages,
    );
    await advertiser.context.close();
    await owner.context.close();
  });
});
