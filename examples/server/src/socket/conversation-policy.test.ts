import { CONVERSATION_OPEN_REFUSED } from '@causette/protocol';
import { describe, expect, it, vi } from 'vitest';
import {
  type ConversationOpenAttempt,
  assertMayOpen,
  listingConversationPolicy,
  openConversationPolicy,
} from './conversation-policy';

const listings = new Map([['L-1', { advertiserId: 'agency', ownerId: 'owner' }]]);
const policy = listingConversationPolicy((id) => listings.get(id));
const about = (id: string) => ({ type: 'listing', id });
const canOpen = (attempt: ConversationOpenAttempt) => policy.canOpen(attempt);

describe('listingConversationPolicy', () => {
  it('lets a listing’s advertiser and owner open a conversation about it, either way', async () => {
    await expect(
      canOpen({ userId: 'agency', participantIds: ['owner'], subject: about('L-1') }),
    ).resolves.toBe(true);
    await expect(
      canOpen({ userId: 'owner', participantIds: ['agency'], subject: about('L-1') }),
    ).resolves.toBe(true);
  });

  it('refuses anyone else, anything but a known listing, and a third member', async () => {
    const refused: ConversationOpenAttempt[] = [
      // A stranger with either side, and either side with a stranger.
      { userId: 'stranger', participantIds: ['owner'], subject: about('L-1') },
      { userId: 'stranger', participantIds: ['agency'], subject: about('L-1') },
      { userId: 'agency', participantIds: ['stranger'], subject: about('L-1') },
      // No subject, another kind, an unknown listing.
      { userId: 'agency', participantIds: ['owner'] },
      { userId: 'agency', participantIds: ['owner'], subject: { type: 'order', id: 'L-1' } },
      { userId: 'agency', participantIds: ['owner'], subject: about('L-404') },
      // The listing's pair plus someone.
      { userId: 'agency', participantIds: ['owner', 'stranger'], subject: about('L-1') },
    ];
    for (const attempt of refused)
      await expect(canOpen(attempt), JSON.stringify(attempt)).resolves.toBe(false);
  });
});

describe('assertMayOpen', () => {
  it('asks the policy with distinct participants other than the caller', async () => {
    const spy = { canOpen: vi.fn(() => true) };
    await assertMayOpen(spy, 'ana', {
      participantIds: ['bruno', 'ana', 'bruno'],
      subject: about('L-1'),
    });
    expect(spy.canOpen).toHaveBeenCalledWith({
      userId: 'ana',
      participantIds: ['bruno'],
      subject: about('L-1'),
    });
  });

  it('refuses with FORBIDDEN and the one fixed message', async () => {
    await expect(
      assertMayOpen(policy, 'stranger', { participantIds: ['owner'], subject: about('L-1') }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', message: CONVERSATION_OPEN_REFUSED });
  });

  it('leaves a request naming only the caller to the service (INVALID there)', async () => {
    const spy = { canOpen: vi.fn(() => false) };
    await expect(assertMayOpen(spy, 'ana', { participantIds: ['ana'] })).resolves.toBeUndefined();
    expect(spy.canOpen).not.toHaveBeenCalled();
  });

  it('lets everything through with the explicit open policy', async () => {
    await expect(
      assertMayOpen(openConversationPolicy, 'ana', { participantIds: ['anyone'] }),
    ).resolves.toBeUndefined();
  });
});
