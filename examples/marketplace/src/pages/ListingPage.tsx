import { useChatClient } from '@causette/react';
import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { useAppLocale } from '../i18n/locale';
import { findListing, userName } from '../listings/catalog';
import { formatRent } from '../listings/format';
import { ListingPicture } from '../listings/ListingPicture';
import type { Session } from '../session/session';

/**
 * One listing, and for its advertiser and its owner the button that opens (or reopens:
 * `conversation:open` is idempotent per members and subject) the conversation about it with the
 * other side. Nobody else may: the chat server's policy refuses them.
 */
export function ListingPage({ listingId, session }: { listingId: string; session: Session }) {
  const { strings, locale } = useAppLocale();
  const client = useChatClient();
  const [, navigate] = useLocation();
  const [state, setState] = useState<{ opening: boolean; error?: string }>({ opening: false });
  const listing = findListing(listingId);
  if (!listing) {
    return (
      <main className="page">
        <p>{strings.notFound}</p>
        <Link href="/">{strings.backToListings}</Link>
      </main>
    );
  }

  // Owners talk to the agency that publishes their flat; advertisers to the flat's owner.
  const otherId =
    session.userId === listing.advertiserId
      ? listing.ownerId
      : session.userId === listing.ownerId
        ? listing.advertiserId
        : undefined;

  const contact = async (otherId: string) => {
    setState({ opening: true });
    try {
      const conversation = await client.openConversation({
        participantIds: [otherId],
        subject: { type: 'listing', id: listing.id, title: listing.title },
      });
      navigate(`/messages/${conversation.id}`);
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      setState({ opening: false, error: strings.openFailed(reason) });
    }
  };

  return (
    <main className="page listing">
      <Link href="/">← {strings.backToListings}</Link>
      <h1>{listing.title}</h1>
      <ListingPicture listing={listing} className="listing__picture" />
      <p className="listing__price">{strings.perMonth(formatRent(listing.rentEur, locale))}</p>
      <p>
        {listing.city} · {listing.rooms} p. · {listing.areaM2} m²
      </p>
      <p>{listing.description}</p>
      <p className="listing__people">
        {strings.listedBy(userName(listing.advertiserId))}
        <br />
        {strings.ownedBy(userName(listing.ownerId))}
      </p>
      {otherId === undefined ? (
        <p>{strings.notYourListing}</p>
      ) : (
        <button
          type="button"
          className="button button--primary"
          onClick={() => void contact(otherId)}
          disabled={state.opening}
        >
          {state.opening
            ? strings.opening
            : session.role === 'owner'
              ? strings.contactAdvertiser
              : strings.contactOwner}
        </button>
      )}
      {state.error ? (
        <p role="alert" className="error">
          {state.error}
        </p>
      ) : null}
    </main>
  );
}
