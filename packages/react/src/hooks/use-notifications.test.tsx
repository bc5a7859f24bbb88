import type { ChatClient } from '@causette/core';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChatProvider } from '../provider';
import {
  connectedClient,
  destroyClients,
  makeClient,
  server,
  withProvider,
} from './test-chat.test-fixtures';
import { notificationPreferencesKey, useNotifications } from './use-notifications';

const LIST = { loadConversations: true };

const CONV = 'c-lyon-t2';
const WAIT = { timeout: 10_000 };

// core's playNotificationSound plays through one shared AudioContext, created on first use from
// `globalThis.AudioContext`: a fake one, stubbed before anything plays, counts the beeps.
let beeps = 0;
class FakeAudioContext {
  state = 'running';
  currentTime = 0;
  destination = {};
  private param() {
    return { setValueAtTime: () => undefined, linearRampToValueAtTime: () => undefined };
  }
  createOscillator() {
    return {
      type: 'sine',
      frequency: this.param(),
      connect: () => undefined,
      disconnect: () => undefined,
      start: () => {
        beeps += 1;
      },
      stop: () => undefined,
      onended: null,
    };
  }
  createGain() {
    return { gain: this.param(), connect: () => undefined, disconnect: () => undefined };
  }
  resume() {
    return Promise.resolve();
  }
}

/** A Notification API whose permission the test decides; it records what it shows. */
function fakeNotificationApi(permission: NotificationPermission, answer = permission) {
  return class FakeNotification {
    static permission: NotificationPermission = permission;
    static requestPermission = vi.fn(async () => {
      FakeNotification.permission = answer;
      return answer;
    });
    static shown: FakeNotification[] = [];
    onclick: (() => void) | null = null;
    close = vi.fn();
    constructor(
      readonly title: string,
      readonly options: NotificationOptions,
    ) {
      FakeNotification.shown.push(this);
    }
  };
}

function setHidden(hidden: boolean) {
  if (hidden) {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
  } else {
    // Back to the prototype's real getter.
    delete (document as { visibilityState?: unknown }).visibilityState;
  }
}

/** Counts the client's `notification` events: a listener added after the hook's runs after it. */
function countNotifications(client: ChatClient) {
  const counter = { count: 0 };
  client.on('notification', () => {
    counter.count += 1;
  });
  return counter;
}

beforeAll(async () => {
  vi.stubGlobal('AudioContext', FakeAudioContext);
  await server.listen();
});
beforeEach(() => {
  beeps = 0;
  localStorage.clear();
});
afterEach(() => {
  destroyClients();
  server.reset();
  setHidden(false);
  vi.unstubAllGlobals();
  vi.stubGlobal('AudioContext', FakeAudioContext);
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await server.close();
});

describe('useNotifications', () => {
  it('is off by default and never asks the permission on mount', async () => {
    const api = fakeNotificationApi('default');
    vi.stubGlobal('Notification', api);
    const client = await connectedClient('u-alice', LIST);
    const { result } = renderHook(() => useNotifications(), { wrapper: withProvider(client) });
    expect(result.current).toMatchObject({ sound: false, browser: false, permission: 'default' });
    expect(api.requestPermission).not.toHaveBeenCalled();
  });

  it('beeps once for a message from Bruno elsewhere, never for one’s own, not when off', async () => {
    const client = await connectedClient('u-alice', LIST);
    const { result } = renderHook(() => useNotifications(), { wrapper: withProvider(client) });
    const notified = countNotifications(client);

    // Off: the notification comes, no sound.
    server.sendAs('u-bruno', CONV, 'Premier message');
    await expect.poll(() => notified.count, WAIT).toBe(1);
    expect(beeps).toBe(0);

    act(() => result.current.setSound(true));
    expect(result.current.sound).toBe(true);
    // Own message, acknowledged: no notification, no sound.
    const acked = new Promise<void>((resolve) =>
      client.on('message', (message) => {
        if (message.content === 'Je réponds') resolve();
      }),
    );
    client.sendMessage(CONV, { content: 'Je réponds' });
    await acked;
    server.sendAs('u-bruno', CONV, 'Deuxième message');
    await expect.poll(() => notified.count, WAIT).toBe(2);
    expect(beeps).toBe(1);

    act(() => result.current.setSound(false));
    server.sendAs('u-bruno', CONV, 'Troisième message');
    await expect.poll(() => notified.count, WAIT).toBe(3);
    expect(beeps).toBe(1);
  });

  it('alerts once with several components using it, and stops with the last one', async () => {
    const client = await connectedClient('u-alice', LIST);
    const first = renderHook(() => useNotifications(), { wrapper: withProvider(client) });
    const second = renderHook(() => useNotifications(), { wrapper: withProvider(client) });
    // Preferences are shared: one switch, both views.
    act(() => first.result.current.setSound(true));
    expect(second.result.current.sound).toBe(true);
    const notified = countNotifications(client);
    server.sendAs('u-bruno', CONV, 'Un seul bip');
    await expect.poll(() => notified.count, WAIT).toBe(1);
    expect(beeps).toBe(1);

    first.unmount();
    server.sendAs('u-bruno', CONV, 'Encore un');
    await expect.poll(() => notified.count, WAIT).toBe(2);
    expect(beeps).toBe(2);

    second.unmount();
    server.sendAs('u-bruno', CONV, 'Personne n’écoute');
    await expect.poll(() => notified.count, WAIT).toBe(3);
    expect(beeps).toBe(2);
  });

  it('asks the permission only on enableBrowser, then notifies while the tab is hidden', async () => {
    const api = fakeNotificationApi('default', 'granted');
    vi.stubGlobal('Notification', api);
    const client = await connectedClient('u-alice', LIST);
    const { result } = renderHook(() => useNotifications(), { wrapper: withProvider(client) });
    expect(api.requestPermission).not.toHaveBeenCalled();
    await act(() => result.current.enableBrowser());
    expect(api.requestPermission).toHaveBeenCalledOnce();
    expect(result.current).toMatchObject({ browser: true, permission: 'granted' });

    const notified = countNotifications(client);
    // Visible tab, other conversation: no browser notification (the sound is off too).
    server.sendAs('u-bruno', CONV, 'Onglet visible');
    await expect.poll(() => notified.count, WAIT).toBe(1);
    expect(api.shown).toHaveLength(0);

    setHidden(true);
    server.sendAs('u-bruno', CONV, 'Onglet caché');
    await expect.poll(() => notified.count, WAIT).toBe(2);
    expect(api.shown).toHaveLength(1);
    expect(api.shown[0]).toMatchObject({
      title: 'Nouveau message de Bruno Lefèvre',
      options: { body: 'Onglet caché', tag: CONV },
    });

    act(() => result.current.disableBrowser());
    expect(result.current.browser).toBe(false);
    server.sendAs('u-bruno', CONV, 'Plus rien');
    await expect.poll(() => notified.count, WAIT).toBe(3);
    expect(api.shown).toHaveLength(1);
  });

  it('opens the conversation of a clicked notification through onOpen', async () => {
    const api = fakeNotificationApi('granted');
    vi.stubGlobal('Notification', api);
    const client = await connectedClient('u-alice', LIST);
    const onOpen = vi.fn();
    const { result } = renderHook(() => useNotifications({ onOpen }), {
      wrapper: withProvider(client),
    });
    await act(() => result.current.enableBrowser());
    setHidden(true);
    const sent = server.sendAs('u-bruno', CONV, 'Cliquez-moi');
    await expect.poll(() => api.shown.length, WAIT).toBe(1);
    expect(onOpen).not.toHaveBeenCalled();
    api.shown[0]?.onclick?.();
    expect(onOpen).toHaveBeenCalledWith(CONV, sent.id);
  });

  it('stays off when the permission is refused, and says so', async () => {
    const api = fakeNotificationApi('default', 'denied');
    vi.stubGlobal('Notification', api);
    const client = await connectedClient('u-alice', LIST);
    const { result } = renderHook(() => useNotifications(), { wrapper: withProvider(client) });
    await act(() => result.current.enableBrowser());
    expect(result.current).toMatchObject({ browser: false, permission: 'denied' });
  });

  it("reports 'unsupported' without the Notification API", async () => {
    vi.stubGlobal('Notification', undefined);
    const client = makeClient();
    const { result } = renderHook(() => useNotifications(), { wrapper: withProvider(client) });
    expect(result.current.permission).toBe('unsupported');
    await act(() => result.current.enableBrowser());
    expect(result.current.browser).toBe(false);
  });

  it('keeps the preferences per user in localStorage', async () => {
    const alice = await connectedClient('u-alice', LIST);
    const first = renderHook(() => useNotifications(), { wrapper: withProvider(alice) });
    act(() => first.result.current.setSound(true));
    first.unmount();
    expect(JSON.parse(localStorage.getItem(notificationPreferencesKey('u-alice'))!)).toEqual({
      sound: true,
      browser: false,
    });

    const bruno = await connectedClient('u-bruno', LIST);
    const other = renderHook(() => useNotifications(), { wrapper: withProvider(bruno) });
    expect(other.result.current.sound).toBe(false);
    other.unmount();

    const again = renderHook(() => useNotifications(), { wrapper: withProvider(alice) });
    expect(again.result.current.sound).toBe(true);

    // Another tab turns it off: this one follows.
    localStorage.setItem(
      notificationPreferencesKey('u-alice'),
      JSON.stringify({ sound: false, browser: false }),
    );
    act(() => {
      window.dispatchEvent(
        new StorageEvent('storage', { key: notificationPreferencesKey('u-alice') }),
      );
    });
    expect(again.result.current.sound).toBe(false);
  });

  it('survives a storage that throws, keeping the choice for the page', async () => {
    // Chloé: the choice stays in the page's memory, out of the other tests' way.
    const client = await connectedClient('u-chloe', LIST);
    const setItem = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    try {
      const { result } = renderHook(() => useNotifications(), { wrapper: withProvider(client) });
      act(() => result.current.setSound(true));
      expect(result.current.sound).toBe(true);
    } finally {
      setItem.mockRestore();
    }
  });

  it('renders on a server with a client that is not connected', () => {
    function Probe() {
      const view = useNotifications();
      return <span>{`${view.sound} ${view.permission}`}</span>;
    }
    const client = makeClient();
    const wrap = (children: ReactNode) => <ChatProvider client={client}>{children}</ChatProvider>;
    expect(renderToString(wrap(<Probe />))).toContain('<span>false default</span>');
  });
});
