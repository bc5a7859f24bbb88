import type { ChatClient } from '@causette/core';
import { serverUrl } from '../config';
import { SERVICE_WORKER_URL } from './service-worker';

/** Why push could not be set up: this browser cannot, or the chat server sends no pushes. */
export class PushUnavailableError extends Error {
  constructor(
    readonly side: 'browser' | 'server',
    message: string,
  ) {
    super(message);
    this.name = 'PushUnavailableError';
  }
}

/**
 * Registers the service worker (unless this page already has it), reads the server's VAPID key and subscribes this browser to Web
 * Push for the signed-in user. Rejects with a {@link PushUnavailableError} when the server has no
 * VAPID key, or with the browser's or the client's error.
 */
export async function registerPush(client: ChatClient): Promise<void> {
  if (!('serviceWorker' in navigator)) {
    throw new PushUnavailableError('browser', 'no service worker support');
  }
  if (!(await isRegistered(SERVICE_WORKER_URL))) {
    await navigator.serviceWorker.register(SERVICE_WORKER_URL);
  }
  const serviceWorkerRegistration = await navigator.serviceWorker.ready;
  const response = await fetch(`${serverUrl}/push/public-key`);
  if (!response.ok) {
    throw new PushUnavailableError(
      'server',
      `the server has no VAPID key (HTTP ${response.status})`,
    );
  }
  const { publicKey } = (await response.json()) as { publicKey: string };
  await client.registerPush({ serviceWorkerRegistration, publicKey });
}

/**
 * Whether this page's registration already runs `scriptUrl` (the app registers it at load): then
 * registering again would only cost the browser an update check of the script.
 */
async function isRegistered(scriptUrl: string): Promise<boolean> {
  const registration = await navigator.serviceWorker.getRegistration();
  const worker = registration?.active ?? registration?.waiting ?? registration?.installing;
  return worker?.scriptURL === new URL(scriptUrl, location.href).href;
}

/** A message the service worker posts to a page when its notification is clicked. */
export interface OpenConversationMessage {
  type: 'causette:open-conversation';
  conversationId: string;
}

export function isOpenConversationMessage(data: unknown): data is OpenConversationMessage {
  if (typeof data !== 'object' || data === null) return false;
  const { type, conversationId } = data as Record<string, unknown>;
  return type === 'causette:open-conversation' && typeof conversationId === 'string';
}
