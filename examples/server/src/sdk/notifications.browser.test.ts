/// <reference lib="dom" />
// The browser-only helpers of @causette/core in real Chromium: importing touches nothing, the
// sound never throws (the autoplay policy may keep it silent), and a notification never prompts.
// Nothing from @causette/core is imported statically, so the import itself is under test.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';

afterEach(() => {
  vi.restoreAllMocks();
});

async function databaseNames(): Promise<string[]> {
  return (await indexedDB.databases()).map((d) => d.name ?? '').sort();
}

describe('@causette/core browser helpers in Chromium', () => {
  it('opens no database, socket, audio context or listener of its own when imported', async () => {
    // socket.io-client's engine.io-client adds two window listeners at import (`offline`, and
    // `pagehide` to abort pending polling requests): a dependency's, loaded first so that what
    // remains is @causette/core's own.
    const windowListeners = vi.spyOn(window, 'addEventListener');
    await import('socket.io-client');
    expect(windowListeners.mock.calls.map(([type]) => type).sort()).toEqual([
      'offline',
      'pagehide',
    ]);
    vi.restoreAllMocks();

    const before = await databaseNames();
    const touched = [
      vi.spyOn(IDBFactory.prototype, 'open'),
      vi.spyOn(globalThis, 'WebSocket'),
      vi.spyOn(globalThis, 'AudioContext'),
      vi.spyOn(globalThis, 'fetch'),
      vi.spyOn(window, 'addEventListener'),
      vi.spyOn(document, 'addEventListener'),
    ];
    const core = await import('@causette/core');
    const notifications = await import('@causette/core/notifications');
    const uploads = await import('@causette/core/uploads');
    expect(typeof core.createChatClient).toBe('function');
    expect(typeof notifications.playNotificationSound).toBe('function');
    expect(typeof uploads.uploadImage).toBe('function');
    for (const spy of touched) expect(spy.mock.calls.map(([first]) => String(first))).toEqual([]);
    expect(await databaseNames()).toEqual(before);
  });

  it('playNotificationSound() resolves silently while autoplay is blocked, and plays after a click', async () => {
    const { playNotificationSound } = await import('@causette/core/notifications');
    const oscillators = vi.spyOn(AudioContext.prototype, 'createOscillator');
    // No user gesture on the page yet: Chromium keeps the audio context suspended.
    await expect(playNotificationSound()).resolves.toBeUndefined();
    expect(oscillators).not.toHaveBeenCalled();
    await expect(playNotificationSound({ volume: 2 })).rejects.toMatchObject({ code: 'INVALID' });

    const button = document.createElement('button');
    button.textContent = 'Activer le son';
    document.body.append(button);
    await userEvent.click(button);
    // The same shared context now resumes and the two tones are scheduled.
    await expect(playNotificationSound({ volume: 0.5 })).resolves.toBeUndefined();
    expect(oscillators).toHaveBeenCalledTimes(1);
    button.remove();
  });

  it('showBrowserNotification() returns null without permission and never asks for it', async () => {
    const { showBrowserNotification } = await import('@causette/core/notifications');
    expect(Notification.permission).not.toBe('granted');
    const ask = vi.spyOn(Notification, 'requestPermission');
    expect(showBrowserNotification({ title: 'Nouveau message', body: 'Bonjour' })).toBeNull();
    expect(ask).not.toHaveBeenCalled();
    expect(Notification.permission).not.toBe('granted');
  });
});
