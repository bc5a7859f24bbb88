/** Strings of `ConversationList`. */
export interface ConversationListStrings {
  /** Accessible name of the list. */
  conversations: string;
  filterLabel: string;
  filterPlaceholder: string;
  /** No conversation at all. */
  noConversations: string;
  /** Conversations exist but none matches the filter. */
  noMatch: (filter: string) => string;
  /** Preview of an image message. */
  photo: string;
  markRead: string;
  markUnread: string;
  /** The button that opens a row's menu. */
  conversationActions: (name: string) => string;
  /** Accessible label of a row's unread badge. */
  unreadCount: (count: number) => string;
  loadMore: string;
  /** A list that failed to load. */
  loadError: string;
  retryLoad: string;
  /** Before a preview's text: who sent it ("Vous : ", "Bruno : "). */
  previewSender: (name: string) => string;
  /** Read by screen readers on each row: how to move and the read/unread shortcuts. */
  listKeyboardHint: string;
}

export const conversationListFr: ConversationListStrings = {
  conversations: 'Conversations',
  filterLabel: 'Filtrer les conversations',
  filterPlaceholder: 'Rechercher une conversation',
  noConversations: 'Aucune conversation pour le moment.',
  noMatch: (filter) => `Aucune conversation ne correspond à « ${filter} ».`,
  photo: '📷 Photo',
  markRead: 'Marquer comme lu',
  markUnread: 'Marquer comme non lu',
  conversationActions: (name) => `Actions pour la conversation avec ${name}`,
  unreadCount: (count) => `${count} message${count > 1 ? 's' : ''} non lu${count > 1 ? 's' : ''}`,
  loadMore: 'Afficher plus',
  loadError: 'Les conversations n’ont pas pu être chargées.',
  retryLoad: 'Réessayer',
  previewSender: (name) => `${name} : `,
  listKeyboardHint:
    'Flèches haut et bas pour passer d’une conversation à l’autre, Entrée pour l’ouvrir, U pour la marquer comme non lue, R pour la marquer comme lue.',
};

export const conversationListEn: ConversationListStrings = {
  conversations: 'Conversations',
  filterLabel: 'Filter conversations',
  filterPlaceholder: 'Search a conversation',
  noConversations: 'No conversations yet.',
  noMatch: (filter) => `No conversation matches “${filter}”.`,
  photo: '📷 Photo',
  markRead: 'Mark as read',
  markUnread: 'Mark as unread',
  conversationActions: (name) => `Actions for the conversation with ${name}`,
  unreadCount: (count) => `${count} unread message${count === 1 ? '' : 's'}`,
  loadMore: 'Show more',
  loadError: 'The conversations could not be loaded.',
  retryLoad: 'Retry',
  previewSender: (name) => `${name}: `,
  listKeyboardHint:
    'Up and down arrows to move between conversations, Enter to open one, U to mark it as unread, R to mark it as read.',
};
