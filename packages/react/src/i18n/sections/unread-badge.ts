/** Strings of `UnreadBadge`. */
export interface UnreadBadgeStrings {
  /** Accessible label of the badge, with the exact count. */
  unreadMessages: (count: number) => string;
}

export const unreadBadgeFr: UnreadBadgeStrings = {
  unreadMessages: (count) =>
    `${count} message${count > 1 ? 's' : ''} non lu${count > 1 ? 's' : ''}`,
};

export const unreadBadgeEn: UnreadBadgeStrings = {
  unreadMessages: (count) => `${count} unread message${count === 1 ? '' : 's'}`,
};
