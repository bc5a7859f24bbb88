import type { ChatClient } from '@causette/core';
import { ChatProvider } from '@causette/react';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LocaleProvider } from '../i18n/locale';
import type { Session } from '../session/session';
import { ListingPage } from './ListingPage';

afterEach(cleanup);

/** A client that only opens conversations (the page asks nothing else of it). */
function fakeClient() {
  const openConversation = vi.fn(async () => ({ id: 'c-1' }));
  const client = {
    subscribe: () => () => undefined,
    getSnapshot: () => ({}),
    openConversation,
  } as unknown as ChatClient;
  return { client, openConversation };
}

function show(listingId: string, session: Session) {
  const { client, openConversation } = fakeClient();
  render(
    <LocaleProvider>
      <ChatProvider client={client}>
        <ListingPage listingId={listingId} session={session} />
      </ChatProvider>
    </LocaleProvider>,
  );
  return { openConversation };
}

const camille: Session = { userId: 'u-advertiser-1', displayName: 'Camille', role: 'advertiser' };
const elodie: Session = { userId: 'u-owner-1', displayName: 'Élodie', role: 'owner' };
const marc: Session = { userId: 'u-owner-2', displayName: 'Marc', role: 'owner' };
const about = { type: 'listing', id: 'L-101', title: expect.any(String) as string };

describe('ListingPage', () => {
  it('lets the listing’s advertiser contact its owner, and the owner the advertiser', async () => {
    const advertiser = show('L-101', camille);
    fireEvent.click(screen.getByRole('button', { name: 'Contacter le propriétaire' }));
    expect(advertiser.openConversation).toHaveBeenCalledWith({
      participantIds: ['u-owner-1'],
      subject: about,
    });
    cleanup();
    const owner = show('L-101', elodie);
    fireEvent.click(screen.getByRole('button', { name: 'Contacter l’annonceur' }));
    expect(owner.openConversation).toHaveBeenCalledWith({
      participantIds: ['u-advertiser-1'],
      subject: about,
    });
  });

  it('offers no contact to someone who is neither side of the listing (the server refuses it)', () => {
    show('L-101', marc);
    expect(screen.queryByRole('button')).toBeNull();
    expect(
      screen.getByText('Seuls l’annonceur et le propriétaire de cette annonce en discutent ici.'),
    ).toBeTruthy();
  });
});
