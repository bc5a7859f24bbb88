import { ChatError } from '../errors';

/** Options of {@link showBrowserNotification}. */
export interface BrowserNotificationOptions {
  title: string;
  body?: string;
  icon?: string;
  /** Notifications with the same tag replace each other (one per conversation, say). */
  tag?: string;
  /** Called when the user clicks it, after the window was focused and the notification closed. */
  onClick?: () => void;
}

type NotificationConstructor = typeof Notification;

function notificationApi(): NotificationConstructor | undefined {
  const api = (globalThis as { Notification?: NotificationConstructor }).Notification;
  return typeof api === 'function' ? api : undefined;
}

/**
 * Asks the user for permission to show notifications. Browsers only honour this during a user
 * gesture: call it from a click handler, never on page load. Resolves with the resulting
 * permission (at once when already decided), or `'unsupported'` where notifications are missing.
 */
export async function requestNotificationPermission(): Promise<
  NotificationPermission | 'unsupported'
> {
  const api = notificationApi();
  if (!api || typeof api.requestPermission !== 'function') return 'unsupported';
  if (api.permission !== 'default') return api.permission;
  try {
    // Older Safari takes a callback and returns nothing; the others return a promise.
    return await new Promise<NotificationPermission>((resolve, reject) => {
      const pending = api.requestPermission(resolve);
      if (pending) pending.then(resolve, reject);
    });
  } catch {
    return api.permission;
  }
}

/**
 * Shows a system notification when the user has granted permission, and returns it; returns
 * `null` otherwise (no permission, no Notification API, or a browser that only shows them from a
 * service worker, as Chrome on Android). Never asks for permission: see
 * {@link requestNotificationPermission}. A click focuses the window and closes the notification.
 */
export function showBrowserNotification(options: BrowserNotificationOptions): Notification | null {
  if (typeof options?.title !== 'string' || options.title === '') {
    throw new ChatError('INVALID', 'A notification needs a non-empty title');
  }
  const api = notificationApi();
  if (!api || api.permission !== 'granted') return null;
  const { title, body, icon, tag, onClick } = options;
  let notification: Notification;
  try {
    notification = new api(title, { body, icon, tag });
  } catch {
    return null;
  }
  notification.onclick = () => {
    (globalThis as { focus?: () => void }).focus?.();
    notification.close();
    onClick?.();
  };
  return notification;
}
