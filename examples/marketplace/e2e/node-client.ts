// The SDK in Node, as a bot or a second device would use it: for what a test needs done on the
// server without a browser (a long history, a dev-login check).
import { type ChatClient, createChatClient } from '@causette/core';
import { inject } from 'vitest';
import './harness/context';

/** `POST /auth/dev-login` for a seeded user: the HTTP status, and the token when there is one. */
export async function devLogin(userId: string): Promise<{ status: number; token?: string }> {
  const response = await fetch(`${inject('chatServerUrl')}/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
  const body = (await response.json()) as { token?: unknown };
  return {
    status: response.status,
    ...(typeof body.token === 'string' ? { token: body.token } : {}),
  };
}

/** A Node client of the SDK signed in as `userId` with a dev-login token, connected. */
export async function connectedClient(userId: string): Promise<ChatClient> {
  const client = createChatClient({
    url: inject('chatServerUrl'),
    getToken: async () => (await devLogin(userId)).token ?? '',
    storage: 'memory',
  });
  client.connect();
  await client.waitForConnection({ timeoutMs: 20_000 });
  return client;
}

/** Sends `texts` in order and resolves once the server has stored every one. */
export async function sendAll(
  client: ChatClient,
  conversationId: string,
  texts: readonly string[],
): Promise<void> {
  const clientIds = new Set(
    texts.map((content) => client.sendMessage(conversationId, { content }).clientId),
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`${clientIds.size} of ${texts.length} messages not stored in time`));
    }, 60_000);
    const check = () => {
      const items = client.getSnapshot().messages[conversationId]?.items ?? [];
      for (const item of items)
        if (item.status === 'sent' && item.clientId) clientIds.delete(item.clientId);
      if (clientIds.size === 0) {
        clearTimeout(timer);
        unsubscribe();
        resolve();
      }
    };
    const unsubscribe = client.subscribe(check);
    check();
  });
}
