/** Strings shared by several components. */
export interface CommonStrings {
  /** The banner while the connection is down. */
  offlineBanner: string;
  /** Shown while the client connects for the first time. */
  connecting: string;
  /** The label of the current user as a sender ("Vous : …"). */
  you: string;
  close: string;
  cancel: string;
  /** A list or page still loading. */
  loading: string;
  /** A user whose name is not known yet. */
  unknownUser: string;
}

export const commonFr: CommonStrings = {
  offlineBanner: 'Hors ligne : vos messages partiront à la reconnexion',
  connecting: 'Connexion…',
  you: 'Vous',
  close: 'Fermer',
  cancel: 'Annuler',
  loading: 'Chargement…',
  unknownUser: 'Utilisateur',
};

export const commonEn: CommonStrings = {
  offlineBanner: 'Offline: your messages will be sent when you reconnect',
  connecting: 'Connecting…',
  you: 'You',
  close: 'Close',
  cancel: 'Cancel',
  loading: 'Loading…',
  unknownUser: 'User',
};
