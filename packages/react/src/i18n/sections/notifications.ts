/** Strings of `NotificationSettings`. */
export interface NotificationStrings {
  notificationSettings: string;
  soundLabel: string;
  browserNotificationsLabel: string;
  /** The browser refused the permission (the user must change it in the browser). */
  permissionDenied: string;
  /** The browser has no notifications. */
  notificationsUnsupported: string;
  /** Title of a browser notification for a message from `name`. */
  notificationTitle: (name: string) => string;
}

export const notificationsFr: NotificationStrings = {
  notificationSettings: 'Notifications',
  soundLabel: 'Son à chaque nouveau message',
  browserNotificationsLabel: 'Notifications du navigateur',
  permissionDenied:
    'Le navigateur bloque les notifications de ce site : autorisez-les dans ses réglages.',
  notificationsUnsupported: 'Ce navigateur ne permet pas les notifications.',
  notificationTitle: (name) => `Nouveau message de ${name}`,
};

export const notificationsEn: NotificationStrings = {
  notificationSettings: 'Notifications',
  soundLabel: 'Sound on each new message',
  browserNotificationsLabel: 'Browser notifications',
  permissionDenied: 'The browser blocks notifications from this site: allow them in its settings.',
  notificationsUnsupported: 'This browser does not support notifications.',
  notificationTitle: (name) => `New message from ${name}`,
};
