import type { ChatClient } from '@causette/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isOpenConversationMessage, PushUnavailableError, registerPush } from './register-push';

const client = (registerPushImpl = vi.fn(async () => undefined)) =>
  ({ registerPush: registerPushImpl }) as unknown as ChatClient;

/** `existing`: what `getRegistration()` finds for this page (none by default). */
function stubServiceWorker(existing?: { active: { scriptURL: string } }) {
  const registration = { pushManager: {} };
  const serviceWorker = {
    register: vi.fn(async () => registration),
    getRegistration: vi.fn(async () => existing),
    ready: Promise.resolve(registration),
  };
  vi.stubGlobal('navigator', { ...navigator, serviceWorker });
  return { registration, serviceWorker };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('registerPush', () => {
  it('registers the worker, reads the VAPID key and hands both to the client', async () => {
    const { registration, serviceWorker } = stubServiceWorker();
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify({ publicKey: 'BKey' }), { status: 200 })),
    );
    const registerPushImpl = vi.fn(async () => undefined);
    await registerPush(client(registerPushImpl));
    expect(serviceWorker.register).toHaveBeenCalledWith('/sw.js');
    expect(registerPushImpl).toHaveBeenCalledWith({
      serviceWorkerRegistration: registration,
      publicKey: 'BKey',
    });
  });

  it('reuses the registration of the same worker script rather than registering it again', async () => {
    const { serviceWorker } = stubServiceWorker({
      active: { scriptURL: new URL('/sw.js', location.href).href },
    });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify({ publicKey: 'BKey' }), { status: 200 })),
    );
    await registerPush(client());
    expect(serviceWorker.register).not.toHaveBeenCalled();
  });

  it('registers its worker when the page is controlled by another script', async () => {
    const { serviceWorker } = stubServiceWorker({
      active: { scriptURL: new URL('/other-sw.js', location.href).href },
    });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify({ publicKey: 'BKey' }), { status: 200 })),
    );
    await registerPush(client());
    expect(serviceWorker.register).toHaveBeenCalledWith('/sw.js');
  });

  it('says the server is the reason when it has no VAPID key', async () => {
    stubServiceWorker();
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('{}', { status: 404 })),
    );
    const error = await registerPush(client()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PushUnavailableError);
    expect((error as PushUnavailableError).side).toBe('server');
  });

  it('says the browser is the reason without service workers', async () => {
    vi.stubGlobal('navigator', {});
    const error = await registerPush(client()).catch((e: unknown) => e);
    expect((error as PushUnavailableError).side).toBe('browser');
  });
});

describe('isOpenConversationMessage', () => {
  it('accepts only the worker’s message', () => {
    expect(
      isOpenConversationMessage({ type: 'causette:open-conversation', conversationId: 'c-1' }),
    ).toBe(true);
    expect(isOpenConversationMessage({ type: 'causette:open-conversation' })).toBe(false);
    expect(isOpenConversationMessage({ type: 'other', conversationId: 'c-1' })).toBe(false);
    expect(isOpenConversationMessage(null)).toBe(false);
  });
});
