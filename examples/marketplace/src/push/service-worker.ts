/** The app's service worker (`public/sw.js`): offline app shell, Web Push, notification clicks. */
export const SERVICE_WORKER_URL = '/sw.js';

/**
 * Registers the service worker once the page has loaded, so that the next visit, even offline,
 * opens. A browser without service workers (or a private mode that refuses them) goes on
 * without: the chat works, only reloading offline and push do not.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  const register = () =>
    navigator.serviceWorker.register(SERVICE_WORKER_URL).catch((cause: unknown) => {
      console.warn('The service worker could not be registered:', cause);
    });
  if (document.readyState === 'complete') void register();
  else addEventListener('load', () => void register(), { once: true });
}
