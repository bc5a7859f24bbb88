/** Strings of `OnlineStatus`. */
export interface PresenceStrings {
  online: string;
  /** Offline, with when they were last seen (`relative` is e.g. "il y a 5 minutes"). */
  lastSeen: (relative: string) => string;
  /** Offline, last seen unknown. */
  offline: string;
  /** Under a minute ago ("Vu à l'instant"). */
  justNow: string;
}

export const presenceFr: PresenceStrings = {
  online: 'En ligne',
  lastSeen: (relative) => `Vu ${relative}`,
  offline: 'Hors ligne',
  justNow: "à l'instant",
};

export const presenceEn: PresenceStrings = {
  online: 'Online',
  lastSeen: (relative) => `Last seen ${relative}`,
  offline: 'Offline',
  justNow: 'just now',
};
