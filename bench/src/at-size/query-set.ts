// The search queries of a run: classes of terms whose hits span the realistic range, from a word
// in a quarter of the messages to one in a few thousandths, typed with and without accents, whole
// or cut short as while typing. The order cycles through the classes so none runs all at once.

export const QUERY_CLASSES = {
  common: [
    'appartement',
    'visite',
    'loyer',
    'caution',
    'disponible',
    'charges',
    'studio',
    'meublé',
  ],
  rare: ['véranda', 'mezzanine', 'buanderie', 'digicode', 'piscine', 'cheminée', 'parquet', 'loft'],
  'two words': [
    'appartement meublé',
    'visite samedi',
    'caution loyer',
    'disponible demain',
    'charges comprises',
    'clés gardien',
    'état des lieux',
    'dossier garant',
  ],
  accented: [
    'disponibilité',
    'propriétaire',
    'électricité',
    'déménagement',
    'réservation',
    'sécurité',
    'équipée',
    'fenêtre',
  ],
  unaccented: [
    'disponibilite',
    'proprietaire',
    'electricite',
    'demenagement',
    'reservation',
    'securite',
    'equipee',
    'fenetre',
  ],
  prefix: ['appart', 'dispon', 'propri', 'électr', 'demen', 'réserv', 'chauf', 'meubl'],
} as const satisfies Record<string, readonly string[]>;

export type QueryClass = keyof typeof QUERY_CLASSES;

export interface SearchQuery {
  queryClass: QueryClass;
  text: string;
}

/** `count` queries: class after class in turn, each class cycling through its terms. */
export function searchQueries(count: number): SearchQuery[] {
  const classes = Object.keys(QUERY_CLASSES) as QueryClass[];
  return Array.from({ length: count }, (_, i) => {
    const queryClass = classes[i % classes.length] as QueryClass;
    const terms = QUERY_CLASSES[queryClass];
    const round = Math.floor(i / classes.length);
    return { queryClass, text: terms[round % terms.length] as string };
  });
}
