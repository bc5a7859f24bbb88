// @causette/core against the real server when the token expires mid-session: the server says
// `session:expired` and drops the socket; the client comes back by itself with a fresh token and
// a message sent around that moment is stored once.
import type { ConnectionSnapshot } from '@causette/core';
import { SignJWT } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import {
  ALICE,
  BOB,
  connected,
  makeClient,
  sharedConversation,
  pendingOf,
  shown,
  signToken,
  sleep,
  socketsTo,
  storedMessages,
  until,
  useChatServer,
} from './sdk-test-helpers';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 120_000 });

const chat = useChatServer();

describe('a token that expires while connected', () => {
  it('reconnects with a fresh token by itself; a message sent as it drops is stored once', async () => {
    // Long tokens, but one short one when armed: the session it opens ends 2 s after its
    // handshake, counted from the moment this test watches, whatever the set-up took.
    let shortNext = false;
    const tokens: number[] = [];
    const alice = makeClient(chat.server.url, ALICE, {
      getToken: () => {
        const lifetime = shortNext ? 2 : 3600;
        shortNext = false;
        tokens.push(lifetime);
        return signToken(ALICE, lifetime);
      },
    });
    const bob = makeClient(chat.server.url, BOB);
    await Promise.all([connected(alice), connected(bob)]);
    const id = await sharedConversation(alice, bob);
    shortNext = true;
    alice.disconnect();
    await connected(alice);
    expect(tokens.at(-1)).toBe(2);

    const statuses: ConnectionSnapshot[] = [];
    const sentAtDrop: string[] = [];
    alice.on('connection', (snapshot) => {
      statuses.push(snapshot);
      if (snapshot.status !== 'connected' && sentAtDrop.length === 0) {
        sentAtDrop.push(alice.sendMessage(id, { content: 'au moment de la coupure' }).clientId);
      }
    });
    const before = alice.sendMessage(id, { content: 'juste avant' }).clientId;

    const state = await until(
      alice,
      (s) =>
        sentAtDrop.length === 1 &&
        s.connection.status === 'connected' &&
        pendingOf(s, id).length === 0 &&
        shown(s, id).length === 2,
    );
    expect(statuses.some((s) => s.lastError?.code === 'TOKEN_EXPIRED')).toBe(true);
    expect(statuses.some((s) => s.status === 'unauthorized')).toBe(false);
    // Every token after the short one is a long one, as the host app's refresh would give.
    expect(tokens.at(-1)).toBe(3600);
    const clientIds = [before, sentAtDrop[0]];
    expect(shown(state, id).map((m) => m.clientId)).toEqual(clientIds);
    await until(bob, (s) => shown(s, id).length === 2);
    expect(shown(bob.getSnapshot(), id).map((m) => m.clientId)).toEqual(clientIds);
    const stored = await storedMessages(chat.server.url, BOB, id);
    expect(stored.map((m) => m.clientId)).toEqual(clientIds);
  });

  it('stops for good with the state unauthorized on a token the server refuses', async () => {
    const forged = await new SignJWT({ name: 'Mallory' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(ALICE)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('not-the-secret-of-this-server-0123456789'));
    const getToken = vi.fn(() => forged);
    const alice = makeClient(chat.server.url, ALICE, { getToken });
    alice.connect();
    const state = await until(alice, (s) => s.connection.status === 'unauthorized');
    expect(state.connection.lastError?.code).toBe('UNAUTHORIZED');
    const calls = getToken.mock.calls.length;
    // Longer than the shortest backoff: a client still retrying would have asked again.
    await sleep(1500);
    expect(getToken.mock.calls.length).toBe(calls);
    expect(socketsTo(chat.server.port)).toBe(0);
    expect(alice.getSnapshot().connection.status).toBe('unauthorized');
  });

  it('refreshes a token refused at the handshake as expired, and connects', async () => {
    // connect() also reads a token to learn the user: the first two are expired.
    const lifetimes = [-60, -60];
    const getToken = vi.fn(() => signToken(ALICE, lifetimes.shift() ?? 3600));
    const alice = makeClient(chat.server.url, ALICE, { getToken });
    const statuses: string[] = [];
    alice.on('connection', (s) => statuses.push(`${s.status}:${s.lastError?.code ?? ''}`));
    await connected(alice);
    expect(statuses).toContain('reconnecting:TOKEN_EXPIRED');
    expect(statuses).not.toContain('unauthorized:TOKEN_EXPIRED');
    expect(getToken.mock.calls.length).toBeGreaterThanOrEqual(3);
  });
});
