// The page runs in Chromium: DOM types, which this server's tsconfig leaves out.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// @causette/core clients in a real page, driving the reference server that the browser project's
// global setup started. Node-only helpers (./sdk-test-helpers) cannot load here.
import { type ChatClient, type ChatClientOptions, createChatClient } from '@causette/core';
import type { Message } from '@causette/protocol';
import { inject } from 'vitest';
import { readStoredMessages, track } from './client-test-helpers';

export { connected, destroyClients, pendingOf, shown, until } from './client-test-helpers';

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

/**
 * A client of `userId` on the page's own globals: the real IndexedDB (no factory passed), the
 * real WebSocket (no long-polling), a token from the dev login before every connection attempt.
 */
export function makeClient(userId: string, options: Partial<ChatClientOptions> = {}): ChatClient {
  const client = createChatClient({
    url: serverUrl,
    getToken: () => devToken(userId),
    requestTimeoutMs: 5000,
    // Backoff stays real (full jitter) but low, so tests wait little.
    random: () => Math.random() * 0.2,
    ...options,
  });
  return track(client);
}

/** What the server has stored for a conversation, read by `userId` over a plain socket.io socket. */
export async function storedMessages(userId: string, conversationId: string): Promise<Message[]> {
  return readStoredMessages(serverUrl, await devToken(userId), conversationId);
}
