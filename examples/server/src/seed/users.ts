import type { SeedListing, SeedUser } from './types';

/** Advertisers (agencies and independents who publish listings) and the owners they work for. */
export const seedUsers: readonly SeedUser[] = [
  {
    id: 'u-advertiser-1',
    displayName: 'Camille Martin (Agence Bellecour)',
    role: 'advertiser',
    lastSeenMinutesAgo: 12,
  },
  {
    id: 'u-advertiser-2',
    displayName: 'Julien Moreau (Nantes Centre Immo)',
    role: 'advertiser',
    lastSeenMinutesAgo: 95,
  },
  {
    id: 'u-advertiser-3',
    displayName: 'Sophie Lefèvre',
    role: 'advertiser',
    lastSeenMinutesAgo: 60 * 26,
  },
  { id: 'u-owner-1', displayName: 'Élodie Durand', role: 'owner', lastSeenMinutesAgo: 3 },
  { id: 'u-owner-2', displayName: 'Marc Petit', role: 'owner', lastSeenMinutesAgo: 240 },
  { id: 'u-owner-3', displayName: 'Nadia Benali', role: 'owner', lastSeenMinutesAgo: 60 * 24 * 3 },
];

/** Listings (annonces), each published by an advertiser for an owner. */
export const seedListings: readonly SeedListing[] = [
  {
    id: 'L-101',
    title: 'T2 lumineux – Lyon 6e, près du parc de la Tête d’Or',
    city: 'Lyon',
    rentEur: 890,
    advertiserId: 'u-advertiser-1',
    ownerId: 'u-owner-1',
  },
  {
    id: 'L-102',
    title: 'Studio meublé – Croix-Rousse',
    city: 'Lyon',
    rentEur: 620,
    advertiserId: 'u-advertiser-1',
    ownerId: 'u-owner-2',
  },
  {
    id: 'L-201',
    title: 'Maison 4 pièces avec jardin – Rezé',
    city: 'Nantes',
    rentEur: 1250,
    advertiserId: 'u-advertiser-2',
    ownerId: 'u-owner-3',
  },
  {
    id: 'L-202',
    title: 'T3 rénové – Île de Nantes',
    city: 'Nantes',
    rentEur: 1020,
    advertiserId: 'u-advertiser-2',
    ownerId: 'u-owner-1',
  },
  {
    id: 'L-301',
    title: 'Loft sous les toits – Bordeaux Chartrons',
    city: 'Bordeaux',
    rentEur: 1400,
    advertiserId: 'u-advertiser-3',
    ownerId: 'u-owner-2',
  },
];

const usersById = new Map(seedUsers.map((user) => [user.id, user]));
const listingsById = new Map(seedListings.map((listing) => [listing.id, listing]));

/** The demo user with this id, or undefined. */
export function findSeedUser(id: string): SeedUser | undefined {
  return usersById.get(id);
}

/** The demo listing with this id, or undefined. */
export function findSeedListing(id: string): SeedListing | undefined {
  return listingsById.get(id);
}
