// The marketplace's listings. The chat server seeds its demo conversations about these same
// listings, so both read one list (a real marketplace would fetch them from its own API).
import { seedListings, seedUsers } from '@causette/example-server/demo-data';

/** A listing as the chat server seeds it (id, title, city, rent, its advertiser and owner)... */
type SeedListing = (typeof seedListings)[number];

/** ...with what the listing page shows besides. */
export interface Listing extends SeedListing {
  /** Colours of the listing's illustration (the demo ships no photos of real flats). */
  palette: readonly [sky: string, wall: string, roof: string];
  rooms: number;
  areaM2: number;
  description: string;
}

const details: Record<string, Pick<Listing, 'palette' | 'rooms' | 'areaM2' | 'description'>> = {
  'L-101': {
    palette: ['#cfe8ff', '#f3d9b1', '#b5563b'],
    rooms: 2,
    areaM2: 46,
    description:
      'Au 3e étage avec ascenseur, séjour traversant, cuisine équipée, balcon sur cour. À deux pas du parc.',
  },
  'L-102': {
    palette: ['#ffe3c4', '#e8d3f0', '#6b4c9a'],
    rooms: 1,
    areaM2: 24,
    description: 'Studio meublé sur les pentes, poutres apparentes, calme, idéal pour un étudiant.',
  },
  'L-201': {
    palette: ['#d6f5d6', '#fff1c9', '#7a5230'],
    rooms: 4,
    areaM2: 92,
    description: 'Maison de ville avec jardin de 200 m², garage, proche du tram et des écoles.',
  },
  'L-202': {
    palette: ['#d9ecf2', '#f0e6dc', '#2f6f8f'],
    rooms: 3,
    areaM2: 68,
    description: 'T3 rénové dans un immeuble récent, vue sur la Loire, parking en sous-sol.',
  },
  'L-301': {
    palette: ['#fde2e4', '#f8f1e5', '#8d3b4a'],
    rooms: 2,
    areaM2: 75,
    description: 'Loft sous les toits, grande hauteur sous plafond, verrière, quartier des quais.',
  },
};

/** For a listing the server seeds and this page has no details of yet. */
const fallback: (typeof details)[string] = {
  palette: ['#e6ecf5', '#f4efe6', '#5b6472'],
  rooms: 2,
  areaM2: 50,
  description: '',
};

export const listings: readonly Listing[] = seedListings.map((listing) => ({
  ...listing,
  ...(details[listing.id] ?? fallback),
}));

export function findListing(id: string): Listing | undefined {
  return listings.find((listing) => listing.id === id);
}

/** A seeded user's display name (the listings name their advertiser and owner). */
export function userName(userId: string): string {
  return seedUsers.find((user) => user.id === userId)?.displayName ?? userId;
}
