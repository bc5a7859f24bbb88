// The page runs in Chromium: DOM types, which this server's tsconfig leaves out.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// @causette/core clients in a real page, driving the reference server that the browser project's
// global setup started. Node-only helpers (./sdk-test-helpers) cannot load here.
import {
  type ChatClient,
  type ChatClientOptions,
  type ChatState,
  createChatClient,
} from '@causette/core';
import type {
  Ack,
  ClientToServerEvents,
  Message,
  RequestResult,
  ServerToClientEvents,
} from '@causette/protocol';
import { io, type Socket } from 'socket.io-client';
import { inject, vi } from 'vitest';

/** Two seeded users who talk about the listing L-101. */
export const ADVERTISER = 'u-advertiser-1';
export const OWNER = 'u-owner-1';

/** The reference server, started in Node by the global setup. */
export const serverUrl = inject('chatServerUrl');

/** A fresh token for a seeded user, from the server's development login (a real CORS request). */
export async function devToken(userId: string): Promise<string> {
  const response = await fetch(`${serverUrl}/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
  if (!response.ok) throw new Error(`dev-login ${userId}: HTTP ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

const clients: ChatClient[] = [];

/**
 * A client of `userId` on the page's own globals: the real IndexedDB (no factory passed), the
 * real WebSocket (no long-polling), a token from the dev login before every connection attempt.
 */
export function makeClient(userId: string, options: Partial<ChatClientOptions> = {}): ChatClient {
  const client = createChatClient({
    url: serverUrl,
    getToken: () => devToken(userId),
    socketOptions: { transports: ['websocket'] },
    requestTimeoutMs: 5000,
    // Backoff stays real (full jitter) but low, so tests wait little.
    random: () => Math.random() * 0.2,
    ...options,
  });
  clients.push(client);
  return client;
}

/** Destroys every client made by {@link makeClient}. */
export function destroyClients(): void {
  for (const client of clients.splice(0)) client.destroy();
}

/** A short account of a snapshot, for failure messages. */
function describeState(state: ChatState): string {
  const windows = Object.entries(state.messages).map(
    ([id, w]) =>
      `${id.slice(0, 8)}: sent [${w.sent.map((m) => m.seq).join(',')}] pending [${w.pending.map((p) => p.status).join(',')}]`,
  );
  const { status, lastError } = state.connection;
  return `${state.user?.userId ?? 'no user'} ${state.storage.kind} ${status}${lastError ? ` (${lastError.code}: ${lastError.message})` : ''}; ${windows.join('; ')}`;
}

/** Waits until `predicate` holds on the client's snapshot; fails with the last snapshot. */
export async function until(
  client: ChatClient,
  predicate: (state: ChatState) => boolean,
  timeout = 15_000,
): Promise<ChatState> {
  await vi.waitFor(
    () => {
      const state = client.getSnapshot();
      if (!predicate(state)) throw new Error(`not yet: ${describeState(state)}`);
    },
    { timeout, interval: 20 },
  );
  return client.getSnapshot();
}

/** Connects and waits for the first session. */
export function connected(client: ChatClient): Promise<ChatState> {
  client.connect();
  return until(client, (s) => s.connection.status === 'connected' && s.user !== null);
}

/** The stored (sent) messages a client shows for a conversation. */
export function shown(state: ChatState, conversationId: string) {
  return state.messages[conversationId]?.sent ?? [];
}

/** The outbox messages a client shows for a conversation. */
export function pendingOf(state: ChatState, conversationId: string) {
  return state.messages[conversationId]?.pending ?? [];
}

/** What the server has stored for a conversation, read by `userId` over a plain socket.io socket. */
export async function storedMessages(userId: string, conversationId: string): Promise<Message[]> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(serverUrl, {
    auth: { token: await devToken(userId) },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    const ask = socket.timeout(10_000) as unknown as {
      emitWithAck(event: string, payload: unknown): Promise<unknown>;
    };
    const all: Message[] = [];
    for (;;) {
      const ack = (await ask.emitWithAck('message:history', {
        conversationId,
        afterSeq: all.at(-1)?.seq ?? 0,
        limit: 100,
      })) as Ack<RequestResult<'message:history'>>;
      if (!ack.ok) throw new Error(`message:history: ${ack.error.code}: ${ack.error.message}`);
      all.push(...ack.data.messages);
      if (!ack.data.hasMore || ack.data.messages.length === 0) return all;
    }
  } finally {
    socket.close();
  }
}
