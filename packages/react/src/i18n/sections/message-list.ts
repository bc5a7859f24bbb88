/** Strings of `MessageList`. */
export interface MessageListStrings {
  /** Accessible name of the `role="log"` list. */
  messageLog: string;
  today: string;
  yesterday: string;
  /** The pill shown when others' messages arrive while the reader is scrolled up. */
  newMessages: string;
  jumpToUnread: string;
  /** Divider before the first unread message. */
  unreadDivider: string;
  /** A conversation with no message yet. */
  noMessages: string;
  loadingOlder: string;
  statusPending: string;
  statusSending: string;
  statusSent: string;
  statusRead: string;
  statusFailed: string;
  retry: string;
  discard: string;
  /** Alt text of an image sent by `name`. */
  imageFrom: (name: string) => string;
  /** The button that opens an image in the lightbox. */
  openImage: string;
  /** The live announcement of new messages from others. */
  announceNew: (count: number, name: string) => string;
  /** Label of a pending image's upload progress bar. */
  imageUploading: string;
  /** Read before a message (visually hidden) so a screen reader says who wrote it. */
  senderSays: (name: string) => string;
}

export const messageListFr: MessageListStrings = {
  messageLog: 'Messages',
  today: "Aujourd'hui",
  yesterday: 'Hier',
  newMessages: 'Nouveaux messages',
  jumpToUnread: 'Aller au premier message non lu',
  unreadDivider: 'Non lus',
  noMessages: 'Aucun message pour le moment. Écrivez le premier !',
  loadingOlder: 'Chargement des messages précédents…',
  statusPending: 'En attente',
  statusSending: 'Envoi…',
  statusSent: 'Envoyé',
  statusRead: 'Lu',
  statusFailed: "Échec de l'envoi",
  retry: 'Réessayer',
  discard: 'Supprimer',
  imageFrom: (name) => `Image envoyée par ${name}`,
  openImage: "Agrandir l'image",
  announceNew: (count, name) =>
    count === 1 ? `Nouveau message de ${name}` : `${count} nouveaux messages de ${name}`,
  imageUploading: "Envoi de l'image",
  senderSays: (name) => `${name} :`,
};

export const messageListEn: MessageListStrings = {
  messageLog: 'Messages',
  today: 'Today',
  yesterday: 'Yesterday',
  newMessages: 'New messages',
  jumpToUnread: 'Jump to first unread message',
  unreadDivider: 'Unread',
  noMessages: 'No messages yet. Write the first one!',
  loadingOlder: 'Loading earlier messages…',
  statusPending: 'Waiting',
  statusSending: 'Sending…',
  statusSent: 'Sent',
  statusRead: 'Read',
  statusFailed: 'Not sent',
  retry: 'Retry',
  discard: 'Delete',
  imageFrom: (name) => `Image sent by ${name}`,
  openImage: 'Enlarge image',
  announceNew: (count, name) =>
    count === 1 ? `New message from ${name}` : `${count} new messages from ${name}`,
  imageUploading: 'Uploading image',
  senderSays: (name) => `${name}:`,
};
