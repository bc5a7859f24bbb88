// Clients on @causette/testing's mock server in the page (msw's worker), wrapped in a provider,
// for the hooks' tests.
import { type ChatClient, createChatClient, socketIoTransport } from '@causette/core';
import { createMockChatServer } from '@causette/testing';
import type { ReactNode } from 'react';
import { ChatProvider } from '../provider';

export const server = createMockChatServer({ presenceGraceMs: 50 });

const clients: ChatClient[] = [];

/** A client of `userId` on the mock server (memory storage), not connected yet. */
export function makeClient(userId = 'u-alice'): ChatClient {
  const client = createChatClient({
    url: server.url,
    getToken: () => server.tokenFor(userId),
    storage: 'memory',
    requestTimeoutMs: 3000,
    socketOptions: { transport: socketIoTransport(server.clientOptions()) },
  });
  clients.push(client);
  return client;
}

/** A client of `userId`, connected (and with its conversation list loaded when asked). */
export async function connectedClient(
  userId = 'u-alice',
  options: { loadConversations?: boolean } = {},
): Promise<ChatClient> {
  const client = makeClient(userId);
  client.connect();
  await client.waitForConnection();
  if (options.loadConversations) await client.loadConversations();
  return client;
}

/** Destroys every client made by {@link makeClient}. */
export function destroyClients(): void {
  for (const client of clients.splice(0)) client.destroy();
}

/** A `wrapper` for renderHook: the hooks under a provider of `client`. */
export function withProvider(client: ChatClient) {
  return function Wrapper({ children }: { children: ReactNode }) {
    return <ChatProvider client={client}>{children}</ChatProvider>;
  };
}
