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
  /** How many hits are shown; `more` when another page can be loaded. */
  resultCount: (count: number, more: boolean) => string;
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
  resultCount: (count, more) =>
    more ? `Plus de ${count} résultats` : count === 1 ? '1 résultat' : `${count} résultats`,
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
  resultCount: (count, more) =>
    more ? `Over ${count} results` : count === 1 ? '1 result' : `${count} results`,
};
