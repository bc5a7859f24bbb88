/** Strings of `MessageSearch`. */
export interface SearchStrings {
  searchLabel: string;
  searchPlaceholder: string;
  searchButton: string;
  searching: string;
  noResults: (query: string) => string;
  searchError: string;
  moreResults: string;
  clearSearch: string;
  /** Accessible name of the results list. */
  results: string;
  /** Where a hit comes from ("Conversation avec Bruno"). */
  inConversation: (name: string) => string;
}

export const searchFr: SearchStrings = {
  searchLabel: 'Rechercher dans les messages',
  searchPlaceholder: 'Rechercher…',
  searchButton: 'Rechercher',
  searching: 'Recherche…',
  noResults: (query) => `Aucun message ne contient « ${query} ».`,
  searchError: 'La recherche a échoué. Réessayez.',
  moreResults: 'Plus de résultats',
  clearSearch: 'Effacer la recherche',
  results: 'Résultats de la recherche',
  inConversation: (name) => `Avec ${name}`,
};

export const searchEn: SearchStrings = {
  searchLabel: 'Search messages',
  searchPlaceholder: 'Search…',
  searchButton: 'Search',
  searching: 'Searching…',
  noResults: (query) => `No message contains “${query}”.`,
  searchError: 'The search failed. Try again.',
  moreResults: 'More results',
  clearSearch: 'Clear search',
  results: 'Search results',
  inConversation: (name) => `With ${name}`,
};
