// The service worker (public/sw.js, served as is): its push and click handlers, run against a
// stand-in for its global scope.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

type Listener = (event: Record<string, unknown>) => void;

interface WindowClient {
  url: string;
  focus: ReturnType<typeof vi.fn>;
  postMessage: ReturnType<typeof vi.fn>;
}

/** Runs sw.js with a fake `self`, and returns its listeners and what they called. */
function loadWorker(windows: WindowClient[] = []) {
  const listeners = new Map<string, Listener>();
  const self = {
    location: { origin: 'https://app.example' },
    addEventListener: (type: string, listener: Listener) => listeners.set(type, listener),
    skipWaiting: vi.fn(),
    registration: { showNotification: vi.fn(async () => undefined) },
    clients: {
      claim: vi.fn(),
      matchAll: vi.fn(async () => windows),
      openWindow: vi.fn(async () => null),
    },
  };
  const source = readFileSync(path.join(import.meta.dirname, '../../public/sw.js'), 'utf8');
  new Function('self', 'caches', 'fetch', source)(self, undefined, undefined);
  /** Dispatches an event whose `waitUntil` promise is returned. */
  const dispatch = async (type: string, event: Record<string, unknown>) => {
    let pending: Promise<unknown> = Promise.resolve();
    listeners.get(type)?.({
      ...event,
      waitUntil: (promise: Promise<unknown>) => (pending = promise),
    });
    await pending;
  };
  return { self, dispatch };
}

const pushData = (value: unknown) => ({ json: () => value, text: () => JSON.stringify(value) });

describe('the service worker', () => {
  it('shows a push with its title and body, one notification per conversation', async () => {
    const { self, dispatch } = loadWorker();
    await dispatch('push', {
      data: pushData({ title: 'Élodie Durand', body: 'Les clés ?', conversationId: 'c-1' }),
    });
    expect(self.registration.showNotification).toHaveBeenCalledWith('Élodie Durand', {
      body: 'Les clés ?',
      tag: 'causette:c-1',
      renotify: true,
      data: { conversationId: 'c-1' },
    });
  });

  it('still shows something for a push without readable data (browsers require it)', async () => {
    const { self, dispatch } = loadWorker();
    await dispatch('push', { data: null });
    await dispatch('push', {
      data: {
        json: () => {
          throw new SyntaxError('not JSON');
        },
        text: () => 'du texte',
      },
    });
    expect(self.registration.showNotification).toHaveBeenNthCalledWith(1, 'Nouveau message', {
      body: '',
      tag: 'causette',
      renotify: false,
      data: { conversationId: null },
    });
    expect(self.registration.showNotification).toHaveBeenNthCalledWith(2, 'Nouveau message', {
      body: 'du texte',
      tag: 'causette',
      renotify: false,
      data: { conversationId: null },
    });
  });

  it('on a click, focuses an open tab of the app and has it open the conversation', async () => {
    const tab = { url: 'https://app.example/annonces', focus: vi.fn(), postMessage: vi.fn() };
    const other = { url: 'https://elsewhere.example/', focus: vi.fn(), postMessage: vi.fn() };
    const { self, dispatch } = loadWorker([other, tab]);
    const close = vi.fn();
    await dispatch('notificationclick', {
      notification: { close, data: { conversationId: 'c-1' } },
    });
    expect(close).toHaveBeenCalled();
    expect(tab.focus).toHaveBeenCalled();
    expect(tab.postMessage).toHaveBeenCalledWith({
      type: 'causette:open-conversation',
      conversationId: 'c-1',
    });
    expect(other.focus).not.toHaveBeenCalled();
    expect(self.clients.openWindow).not.toHaveBeenCalled();
  });

  it('on a click with no tab open, opens the conversation’s page', async () => {
    const { self, dispatch } = loadWorker();
    await dispatch('notificationclick', {
      notification: { close: vi.fn(), data: { conversationId: 'c 1' } },
    });
    expect(self.clients.openWindow).toHaveBeenCalledWith('https://app.example/messages/c%201');
  });
});
