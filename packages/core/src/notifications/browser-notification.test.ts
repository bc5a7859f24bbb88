import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChatError } from '../errors';
import { requestNotificationPermission, showBrowserNotification } from './browser-notification';

function fakeNotificationApi(permission: NotificationPermission) {
  return class FakeNotification {
    static permission = permission;
    static requestPermission = vi.fn(async () => {
      FakeNotification.permission = 'granted';
      return 'granted' as NotificationPermission;
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

describe('requestNotificationPermission', () => {
  afterEach(() => vi.unstubAllGlobals());

  it("is 'unsupported' without the Notification API", async () => {
    vi.stubGlobal('Notification', undefined);
    await expect(requestNotificationPermission()).resolves.toBe('unsupported');
  });

  it('asks when undecided and resolves with the answer', async () => {
    const api = fakeNotificationApi('default');
    vi.stubGlobal('Notification', api);
    await expect(requestNotificationPermission()).resolves.toBe('granted');
    expect(api.requestPermission).toHaveBeenCalledOnce();
  });

  it('does not ask again once decided', async () => {
    const api = fakeNotificationApi('denied');
    vi.stubGlobal('Notification', api);
    await expect(requestNotificationPermission()).resolves.toBe('denied');
    expect(api.requestPermission).not.toHaveBeenCalled();
  });

  it('supports the old callback form and survives a rejection', async () => {
    const api = fakeNotificationApi('default');
    api.requestPermission.mockImplementation(((callback: (p: NotificationPermission) => void) => {
      callback('denied');
      return undefined;
    }) as never);
    vi.stubGlobal('Notification', api);
    await expect(requestNotificationPermission()).resolves.toBe('denied');
    api.requestPermission.mockImplementation(() => Promise.reject(new Error('insecure')));
    await expect(requestNotificationPermission()).resolves.toBe('default');
  });
});

describe('showBrowserNotification', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows a notification when permission is granted, and never asks', () => {
    const api = fakeNotificationApi('granted');
    vi.stubGlobal('Notification', api);
    const shown = showBrowserNotification({
      title: 'Alice',
      body: 'Hi',
      tag: 'c1',
      icon: '/a.png',
    });
    expect(shown).toBe(api.shown[0]);
    expect(api.shown[0]).toMatchObject({
      title: 'Alice',
      options: { body: 'Hi', tag: 'c1', icon: '/a.png' },
    });
    expect(api.requestPermission).not.toHaveBeenCalled();
  });

  it('returns null unless granted, or without the API, without asking', () => {
    for (const permission of ['default', 'denied'] as const) {
      const api = fakeNotificationApi(permission);
      vi.stubGlobal('Notification', api);
      expect(showBrowserNotification({ title: 'x' })).toBeNull();
      expect(api.shown).toEqual([]);
      expect(api.requestPermission).not.toHaveBeenCalled();
    }
    vi.stubGlobal('Notification', undefined);
    expect(showBrowserNotification({ title: 'x' })).toBeNull();
  });

  it('returns null where the constructor throws (service-worker-only browsers)', () => {
    const api = fakeNotificationApi('granted');
    vi.stubGlobal(
      'Notification',
      Object.assign(
        function Throwing() {
          throw new TypeError('Illegal constructor');
        },
        { permission: 'granted', requestPermission: api.requestPermission },
      ),
    );
    expect(showBrowserNotification({ title: 'x' })).toBeNull();
  });

  it('on click focuses the window, closes the notification and calls back', () => {
    const api = fakeNotificationApi('granted');
    vi.stubGlobal('Notification', api);
    const focus = vi.fn();
    vi.stubGlobal('focus', focus);
    const onClick = vi.fn();
    showBrowserNotification({ title: 'x', onClick });
    const [shown] = api.shown;
    shown!.onclick?.();
    expect(focus).toHaveBeenCalledOnce();
    expect(shown!.close).toHaveBeenCalledOnce();
    expect(onClick).toHaveBeenCalledOnce();
  });

  it('refuses a missing title with a ChatError', () => {
    expect(() => showBrowserNotification({ title: '' })).toThrow(ChatError);
    expect(() => showBrowserNotification(undefined as never)).toThrow(/title/);
  });
});
