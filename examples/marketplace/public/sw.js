// The marketplace's service worker:
// - keeps the app's files so that a page reloaded offline still opens (the chat client then
//   shows its cached conversations and its queue from IndexedDB): network first, the cache when
//   the network fails. It caches the page and the built files listed in
//   `/precache-manifest.json` (written by the build, see vite.config.ts); the chat server's
//   requests are not this origin's and never touch the cache.
// - shows the chat server's Web Push notifications and, on a click, focuses a tab of the app on
//   that conversation (or opens one).
//
// A push's data is JSON: { title?, body?, conversationId?, messageId?, tag? }. A push without
// data (or that cannot be read) still shows a generic notification: browsers require a visible
// notification for each push.

const CACHE = 'causette-demo-v1';
/** Every navigation gets the one page of this single-page app. */
const PAGE = '/';

self.addEventListener('install', (event) => {
  self.skipWaiting();
  event.waitUntil(precache());
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

async function precache() {
  const cache = await caches.open(CACHE);
  await cache.add(PAGE).catch(() => undefined);
  // The dev server has no manifest: there, only the page is kept.
  const response = await fetch('/precache-manifest.json', { cache: 'no-cache' }).catch(() => null);
  if (!response?.ok) return;
  const files = await response.json().catch(() => []);
  if (Array.isArray(files))
    await cache.addAll(files.map((file) => `/${file}`)).catch(() => undefined);
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') event.respondWith(networkFirst(request, PAGE));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(networkFirst(request, request));
});

async function networkFirst(request, key) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(key, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(key);
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { body: event.data ? event.data.text() : '' };
  }
  const title = typeof data.title === 'string' && data.title ? data.title : 'Nouveau message';
  const conversationId = typeof data.conversationId === 'string' ? data.conversationId : null;
  event.waitUntil(
    self.registration.showNotification(title, {
      body: typeof data.body === 'string' ? data.body : '',
      // One notification per conversation: a newer message replaces the previous one.
      tag: conversationId ? `causette:${conversationId}` : 'causette',
      renotify: Boolean(conversationId),
      data: { conversationId },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const conversationId = event.notification.data?.conversationId;
  const path = conversationId ? `/messages/${encodeURIComponent(conversationId)}` : '/messages';
  event.waitUntil(openConversation(conversationId, new URL(path, self.location.origin).href));
});

async function openConversation(conversationId, url) {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const tab = windows.find((client) => new URL(client.url).origin === self.location.origin);
  if (!tab) return self.clients.openWindow(url);
  await tab.focus();
  // The page navigates itself, without a reload (see App.tsx).
  if (conversationId) tab.postMessage({ type: 'causette:open-conversation', conversationId });
  return tab;
}
