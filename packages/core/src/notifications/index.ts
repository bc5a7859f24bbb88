export { requestNotificationPermission, showBrowserNotification } from './browser-notification';
export type { BrowserNotificationOptions } from './browser-notification';
export { decodeVapidKey, subscribeToPush } from './push';
export type { SubscribeToPushOptions } from './push';
export { playNotificationSound } from './sound';
export type { NotificationSoundOptions } from './sound';
