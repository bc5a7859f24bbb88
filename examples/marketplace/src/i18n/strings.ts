import type { ChatLocale } from '@causette/react';

/** The demo's own texts; the kit's come from `@causette/react` in the same locale. */
export interface AppStrings {
  siteName: string;
  listings: string;
  messages: string;
  settings: string;
  signOut: string;
  signedInAs: (name: string) => string;
  language: string;
  loginTitle: string;
  loginIntro: string;
  advertisers: string;
  owners: string;
  loginFailed: (reason: string) => string;
  loadingUsers: string;
  perMonth: (rent: string) => string;
  listedBy: (name: string) => string;
  ownedBy: (name: string) => string;
  contactOwner: string;
  contactAdvertiser: string;
  /** Why someone who is neither side of a listing has no contact button on it. */
  notYourListing: string;
  opening: string;
  openFailed: (reason: string) => string;
  backToListings: string;
  backToConversations: string;
  pickConversation: string;
  searchMessages: string;
  settingsTitle: string;
  settingsIntro: string;
  pushRegistered: string;
  pushUnavailable: string;
  pushServerOff: string;
  notFound: string;
}

const fr: AppStrings = {
  siteName: 'Causette Immo',
  listings: 'Annonces',
  messages: 'Messages',
  settings: 'Réglages',
  signOut: 'Se déconnecter',
  signedInAs: (name) => `Connecté en tant que ${name}`,
  language: 'Langue',
  loginTitle: 'Qui êtes-vous\u202f?',
  loginIntro:
    'Choisissez un compte de démonstration. Ouvrez une fenêtre privée pour être deux personnes à la fois.',
  advertisers: 'Annonceurs',
  owners: 'Propriétaires',
  loginFailed: (reason) => `Connexion impossible\u202f: ${reason}`,
  loadingUsers: 'Chargement des comptes…',
  perMonth: (rent) => `${rent} / mois`,
  listedBy: (name) => `Annonce publiée par ${name}`,
  ownedBy: (name) => `Propriétaire\u202f: ${name}`,
  contactOwner: 'Contacter le propriétaire',
  contactAdvertiser: 'Contacter l’annonceur',
  notYourListing: 'Seuls l’annonceur et le propriétaire de cette annonce en discutent ici.',
  opening: 'Ouverture de la conversation…',
  openFailed: (reason) => `La conversation n’a pas pu s’ouvrir\u202f: ${reason}`,
  backToListings: 'Toutes les annonces',
  backToConversations: 'Conversations',
  pickConversation: 'Choisissez une conversation.',
  searchMessages: 'Rechercher dans les messages',
  settingsTitle: 'Notifications',
  settingsIntro: 'Soyez prévenu des nouveaux messages, même quand l’onglet est en arrière-plan.',
  pushRegistered: 'Notifications push activées sur ce navigateur.',
  pushUnavailable: 'Les notifications push ne sont pas disponibles sur ce navigateur.',
  pushServerOff:
    'Le serveur de messagerie n’envoie pas de notifications push (aucune clé VAPID configurée)\u202f: les notifications s’affichent tant qu’un onglet est ouvert.',
  notFound: 'Page introuvable.',
};

const en: AppStrings = {
  siteName: 'Causette Homes',
  listings: 'Listings',
  messages: 'Messages',
  settings: 'Settings',
  signOut: 'Sign out',
  signedInAs: (name) => `Signed in as ${name}`,
  language: 'Language',
  loginTitle: 'Who are you?',
  loginIntro: 'Pick a demo account. Open a private window to be two people at once.',
  advertisers: 'Advertisers',
  owners: 'Owners',
  loginFailed: (reason) => `Could not sign in: ${reason}`,
  loadingUsers: 'Loading accounts…',
  perMonth: (rent) => `${rent} / month`,
  listedBy: (name) => `Listed by ${name}`,
  ownedBy: (name) => `Owner: ${name}`,
  contactOwner: 'Contact the owner',
  contactAdvertiser: 'Contact the advertiser',
  notYourListing: 'Only this listing’s advertiser and owner talk about it here.',
  opening: 'Opening the conversation…',
  openFailed: (reason) => `The conversation could not be opened: ${reason}`,
  backToListings: 'All listings',
  backToConversations: 'Conversations',
  pickConversation: 'Pick a conversation.',
  searchMessages: 'Search messages',
  settingsTitle: 'Notifications',
  settingsIntro: 'Hear about new messages, even while the tab is in the background.',
  pushRegistered: 'Push notifications are on for this browser.',
  pushUnavailable: 'Push notifications are not available in this browser.',
  pushServerOff:
    'The chat server sends no push notifications (no VAPID key set): notifications show while a tab is open.',
  notFound: 'Page not found.',
};

export const appStrings: Record<ChatLocale, AppStrings> = { fr, en };
