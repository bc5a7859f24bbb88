import { Link } from 'wouter';
import { useAppLocale } from '../i18n/locale';
import { listings } from '../listings/catalog';
import { ListingPicture } from '../listings/ListingPicture';
import { formatRent } from '../listings/format';

/** The seeded listings, as cards. */
export function ListingsPage() {
  const { strings, locale } = useAppLocale();
  return (
    <main className="page">
      <h1>{strings.listings}</h1>
      <ul className="listing-grid">
        {listings.map((listing) => (
          <li key={listing.id} className="listing-card">
            <Link href={`/annonces/${listing.id}`} className="listing-card__link">
              <ListingPicture listing={listing} className="listing-card__picture" />
              <span className="listing-card__title">{listing.title}</span>
              <span className="listing-card__meta">
                {listing.city} · {strings.perMonth(formatRent(listing.rentEur, locale))}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </main>
  );
}
