import { seedListings } from '@causette/example-server/demo-data';
import { describe, expect, it } from 'vitest';
import { findListing, listings, userName } from './catalog';
import { formatRent } from './format';

describe('the listings', () => {
  it('are the ones the chat server seeds conversations about, each with its own details', () => {
    expect(listings.map((l) => l.id)).toEqual(seedListings.map((l) => l.id));
    for (const listing of listings) expect(listing.description).not.toBe('');
    expect(findListing('L-101')?.title).toMatch(/Lyon 6e/);
    expect(findListing('L-999')).toBeUndefined();
  });

  it('name their people', () => {
    expect(userName('u-owner-1')).toBe('Élodie Durand');
    expect(userName('u-unknown')).toBe('u-unknown');
  });

  it('show the rent as each language writes money', () => {
    expect(formatRent(1250, 'fr').replace(/\s/g, ' ')).toBe('1 250 €');
    expect(formatRent(1250, 'en')).toBe('€1,250');
  });
});
