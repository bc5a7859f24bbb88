import { describe, expect, it, vi } from 'vitest';
import { ChatError } from '../errors';
import { decodeVapidKey, subscribeToPush } from './push';

// A valid-looking VAPID key: 0x04 then 64 bytes.
const KEY_BYTES = Uint8Array.from({ length: 65 }, (_, i) => (i === 0 ? 4 : (i * 37) % 256));
const toBase64Url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const PUBLIC_KEY = toBase64Url(KEY_BYTES);
const OTHER_KEY = toBase64Url(KEY_BYTES.map((b, i) => (i === 0 ? 4 : 255 - b)));

function fakeSubscription(key: Uint8Array | null, json: Partial<PushSubscriptionJSON> = {}) {
  return {
    options: { applicationServerKey: key ? key.slice().buffer : null, userVisibleOnly: true },
    unsubscribe: vi.fn(async () => true),
    toJSON: () => ({
      endpoint: 'https://push.example.test/abc',
      expirationTime: null,
      keys: { p256dh: 'p256', auth: 'auth' },
      ...json,
    }),
  };
}

function registration(
  existing: ReturnType<typeof fakeSubscription> | null,
  created = fakeSubscription(KEY_BYTES),
) {
  const pushManager = {
    getSubscription: vi.fn(async () => existing),
    subscribe: vi.fn(async (_options: PushSubscriptionOptionsInit) => created),
  };
  return {
    pushManager,
    registration: { pushManager } as unknown as ServiceWorkerRegistration,
  };
}

describe('subscribeToPush', () => {
  it('subscribes with userVisibleOnly and the decoded key, returning the JSON', async () => {
    const { pushManager, registration: reg } = registration(null);
    const json = await subscribeToPush({ serviceWorkerRegistration: reg, publicKey: PUBLIC_KEY });
    expect(json).toEqual({
      endpoint: 'https://push.example.test/abc',
      expirationTime: null,
      keys: { p256dh: 'p256', auth: 'auth' },
    });
    const options = pushManager.subscribe.mock.calls[0]![0];
    expect(options.userVisibleOnly).toBe(true);
    expect(options.applicationServerKey).toEqual(KEY_BYTES);
  });

  it('reuses an existing subscription for the same key', async () => {
    const existing = fakeSubscription(KEY_BYTES, { endpoint: 'https://push.example.test/old' });
    const { pushManager, registration: reg } = registration(existing);
    const json = await subscribeToPush({ serviceWorkerRegistration: reg, publicKey: PUBLIC_KEY });
    expect(json.endpoint).toBe('https://push.example.test/old');
    expect(pushManager.subscribe).not.toHaveBeenCalled();
    expect(existing.unsubscribe).not.toHaveBeenCalled();
  });

  it('replaces a subscription made for another key', async () => {
    const existing = fakeSubscription(decodeVapidKey(OTHER_KEY));
    const { pushManager, registration: reg } = registration(existing);
    await subscribeToPush({ serviceWorkerRegistration: reg, publicKey: PUBLIC_KEY });
    expect(existing.unsubscribe).toHaveBeenCalledOnce();
    expect(pushManager.subscribe).toHaveBeenCalledOnce();
  });

  it('maps a denied permission to FORBIDDEN and other failures to UNAVAILABLE', async () => {
    const denied = registration(null);
    denied.pushManager.subscribe.mockRejectedValue(new DOMException('no', 'NotAllowedError'));
    await expect(
      subscribeToPush({ serviceWorkerRegistration: denied.registration, publicKey: PUBLIC_KEY }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const down = registration(null);
    down.pushManager.subscribe.mockRejectedValue(new DOMException('push service', 'AbortError'));
    await expect(
      subscribeToPush({ serviceWorkerRegistration: down.registration, publicKey: PUBLIC_KEY }),
    ).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('rejects a subscription without endpoint or keys with INTERNAL', async () => {
    const { registration: reg } = registration(
      null,
      fakeSubscription(KEY_BYTES, { keys: undefined }),
    );
    await expect(
      subscribeToPush({ serviceWorkerRegistration: reg, publicKey: PUBLIC_KEY }),
    ).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('refuses a bad key or a registration without push support', async () => {
    const { pushManager, registration: reg } = registration(null);
    for (const publicKey of ['', 'not base64!', toBase64Url(KEY_BYTES.slice(0, 64)), 'A']) {
      await expect(subscribeToPush({ serviceWorkerRegistration: reg, publicKey })).rejects.toThrow(
        ChatError,
      );
    }
    expect(pushManager.subscribe).not.toHaveBeenCalled();
    await expect(
      subscribeToPush({
        serviceWorkerRegistration: {} as ServiceWorkerRegistration,
        publicKey: PUBLIC_KEY,
      }),
    ).rejects.toMatchObject({ code: 'INVALID' });
  });
});

describe('decodeVapidKey', () => {
  it('decodes base64url, with or without padding', () => {
    expect(decodeVapidKey(PUBLIC_KEY)).toEqual(KEY_BYTES);
    expect(decodeVapidKey(`${PUBLIC_KEY}=`)).toEqual(KEY_BYTES);
  });
});
