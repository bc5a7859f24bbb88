// The client's sources (reached through the @causette/source condition) use DOM types, which this
// server's tsconfig leaves out; tests that drive the client need them.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Helpers shared by the SDK's Node and browser tests: nothing here needs Node or a page.
import type { ChatClient, ChatState } from '@causette/core';
import type {
  Ack,
  ClientToServerEvents,
  Message,
  RequestEventName,
  RequestPayload,
  RequestResult,
  ServerToClientEvents,
} from '@causette/protocol';
import { type Socket, io } from 'socket.io-client';
import { expect, vi } from 'vitest';

const clients: ChatClient[] = [];

/** Remembers `client` so that {@link destroyClients} frees it after the test. */
export function track<C extends ChatClient>(client: C): C {
  clients.push(client);
  return client;
}

/** Destroys every tracked client. */
export function destroyClients(): void {
  for (const client of clients.splice(0)) client.destroy();
}

/** A short account of a snapshot, for failure messages. */
export function describeState(state: ChatState): string {
  const windows = Object.entries(state.messages).map(([id, w]) => {
    const seqs = w.sent.map((m) => m.seq);
    const range = seqs.length ? `${seqs[0]}..${seqs.at(-1)} (${seqs.length})` : 'none';
    const pending = w.pending.map((p) => p.status).join(',');
    return `${id.slice(0, 8)}: sent ${range} held [${w.held.map((m) => m.seq).join(',')}] pending [${pending}]`;
  });
  const { status, attempt, lastError } = state.connection;
  return `${state.user?.userId ?? 'no user'} ${state.storage.kind}${state.storage.durable ? '' : ' (not durable)'} ${status} (attempt ${attempt}${lastError ? `, ${lastError.code}: ${lastError.message}` : ''}); ${windows.join('; ')}`;
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
    { timeout, interval: 10 },
  );
  return client.getSnapshot();
}

/** Connects and waits for the first session. */
export async function connected(client: ChatClient): Promise<ChatState> {
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

type RawClient = Socket<ServerToClientEvents, ClientToServerEvents>;

async function ask<E extends RequestEventName>(
  socket: RawClient,
  event: E,
  payload: RequestPayload<E>,
): Promise<RequestResult<E>> {
  const untyped = socket as unknown as {
    timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> };
  };
  const ack = (await untyped.timeout(10_000).emitWithAck(event, payload)) as Ack<RequestResult<E>>;
  if (!ack.ok) throw new Error(`${event}: ${ack.error.code}: ${ack.error.message}`);
  return ack.data;
}

/** What the server has stored for a conversation, read with `token` over a plain socket. */
export async function readStoredMessages(
  url: string,
  token: string,
  conversationId: string,
): Promise<Message[]> {
  const socket: RawClient = io(url, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    const all: Message[] = [];
    for (;;) {
      const page = await ask(socket, 'message:history', {
        conversationId,
        afterSeq: all.at(-1)?.seq ?? 0,
        limit: 100,
      });
      all.push(...page.messages);
      if (!page.hasMore || page.messages.length === 0) return all;
    }
  } finally {
    socket.close();
  }
}

/** Checks that `messages` are seqs 1..n with no gap or repeat. */
export function expectGapFree(messages: readonly { seq: number }[]): void {
  expect(messages.map((m) => m.seq)).toEqual(messages.map((_, i) => i + 1));
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
