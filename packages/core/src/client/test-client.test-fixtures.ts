// Chat clients against the mock server, for the client's tests.
import { type MockChatServer, createMockChatServer, mockClientOptions } from '@causette/testing';
import { socketIoTransport } from '../socket-io/socket-io-transport';
import { expect, vi } from 'vitest';
import type { ChatState } from '../store/types';
import { createChatClient } from './default-chat-client';
import type { ChatClient, ChatClientOptions } from './types';

export const server: MockChatServer = createMockChatServer({ presenceGraceMs: 20 });

const clients: ChatClient[] = [];

/** A client of `userId` on the mock server (memory storage unless `indexedDB` is given). */
export function makeClient(userId: string, options: Partial<ChatClientOptions> = {}): ChatClient {
  const client = createChatClient({
    url: server.url,
    getToken: () => server.tokenFor(userId),
    storage: options.indexedDB ? 'indexeddb' : 'memory',
    requestTimeoutMs: 400,
    random: () => 0,
    // The default transport, routed through msw's WebSocket interception.
    socketOptions: { transport: socketIoTransport(mockClientOptions()) },
    ...options,
  });
  clients.push(client);
  return client;
}

/** Destroys every client made by {@link makeClient}. */
export function destroyClients(): void {
  for (const client of clients.splice(0)) client.destroy();
}

/** Waits until `predicate` holds on the client's snapshot. */
export async function until(
  client: ChatClient,
  predicate: (state: ChatState) => boolean,
  timeout = 8000,
): Promise<ChatState> {
  await vi.waitFor(
    () => {
      const state = client.getSnapshot();
      expect(predicate(state), `state was ${describeState(state)}`).toBe(true);
    },
    { timeout, interval: 5 },
  );
  return client.getSnapshot();
}

/** What a timed-out {@link until} prints: enough of the state to see why. */
function describeState(state: ChatState): string {
  const windows = Object.entries(state.messages).map(
    ([id, w]) =>
      `${id}: ${w.loaded ? 'loaded' : 'not loaded'} seq ${w.sent[0]?.seq ?? '-'}..${w.sent.at(-1)?.seq ?? '-'}` +
      ` held ${w.held.length} pending [${w.pending.map((p) => p.status).join(',')}]`,
  );
  return JSON.stringify({
    connection: state.connection,
    storage: state.storage,
    conversations: state.conversations.order.length,
    windows,
  });
}

/** Connects and waits for the first session to be synced. */
export async function connected(client: ChatClient): Promise<ChatState> {
  client.connect();
  return until(client, (s) => s.connection.status === 'connected' && s.user !== null);
}

/** Seqs shown for a conversation. */
export function shownSeqs(state: ChatState, conversationId: string): number[] {
  return (state.messages[conversationId]?.sent ?? []).map((m) => m.seq);
}
