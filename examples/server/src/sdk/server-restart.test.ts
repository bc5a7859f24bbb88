// @causette/core against a real server that dies: messages written while it is down wait in the
// outbox and go out, once and in order, when a new server comes up on the same port and data.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningServer } from '../server';
import {
  ALICE,
  BOB,
  connected,
  destroyClients,
  expectGapFree,
  killServer,
  makeClient,
  makeTestData,
  type TestData,
  sharedConversation,
  pendingOf,
  shown,
  startChatServer,
  storedMessages,
  until,
} from './sdk-test-helpers';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

let server: RunningServer | undefined;
let data: TestData | undefined;
beforeAll(async () => {
  data = await makeTestData();
});
afterEach(async () => {
  destroyClients();
  await server?.close();
  server = undefined;
});
afterAll(async () => {
  await data?.remove();
});

/** The data of this file, made in beforeAll. */
function testData(): TestData {
  if (!data) throw new Error('made in beforeAll');
  return data;
}

describe('a killed server', () => {
  it('gets the messages queued while it was down once it is back, once and in order', async () => {
    server = await startChatServer(testData());
    const { port, url } = server;
    const alice = makeClient(url, ALICE);
    const bob = makeClient(url, BOB);
    await Promise.all([connected(alice), connected(bob)]);
    const id = await sharedConversation(alice, bob);
    alice.sendMessage(id, { content: 'avant la panne' });
    await until(bob, (s) => shown(s, id).length === 1);

    await killServer(server);
    server = undefined;
    await until(alice, (s) => s.connection.status === 'reconnecting');
    await until(bob, (s) => s.connection.status === 'reconnecting');
    const queued = [1, 2, 3, 4, 5].map((i) =>
      alice.sendMessage(id, { content: `hors ligne ${i}` }),
    );
    expect(pendingOf(alice.getSnapshot(), id).map((m) => m.status)).toEqual(
      Array(5).fill('pending'),
    );

    server = await startChatServer(testData(), { port });
    const expected = ['avant la panne', ...queued.map((m) => m.content)];
    const aliceState = await until(
      alice,
      (s) =>
        s.connection.status === 'connected' &&
        pendingOf(s, id).length === 0 &&
        shown(s, id).length === 6,
    );
    expect(shown(aliceState, id).map((m) => m.content)).toEqual(expected);
    expect(
      shown(aliceState, id)
        .slice(1)
        .map((m) => m.clientId),
    ).toEqual(queued.map((m) => m.clientId));
    const bobState = await until(
      bob,
      (s) => s.connection.status === 'connected' && shown(s, id).length === 6,
    );
    expect(shown(bobState, id).map((m) => m.content)).toEqual(expected);
    const stored = await storedMessages(url, BOB, id);
    expectGapFree(stored);
    expect(stored.map((m) => m.content)).toEqual(expected);
  });

  it('loses and repeats nothing when it dies in the middle of a burst', async () => {
    server = await startChatServer(testData());
    const { port, url } = server;
    const alice = makeClient(url, ALICE);
    const bob = makeClient(url, BOB);
    await Promise.all([connected(alice), connected(bob)]);
    const id = await sharedConversation(alice, bob);

    const sent = Array.from({ length: 20 }, (_, i) => alice.sendMessage(id, { content: `r${i}` }));
    await until(alice, (s) => shown(s, id).length >= 3, 15_000);
    await killServer(server);
    server = undefined;
    const between = shown(alice.getSnapshot(), id).length;
    server = await startChatServer(testData(), { port });

    const clientIds = sent.map((m) => m.clientId);
    const state = await until(
      alice,
      (s) =>
        s.connection.status === 'connected' &&
        pendingOf(s, id).length === 0 &&
        shown(s, id).length === 20,
      20_000,
    );
    expect(between).toBeLessThan(20);
    expect(shown(state, id).map((m) => m.clientId)).toEqual(clientIds);
    await until(bob, (s) => shown(s, id).length === 20, 20_000);
    expect(shown(bob.getSnapshot(), id).map((m) => m.clientId)).toEqual(clientIds);
    const stored = await storedMessages(url, BOB, id);
    expectGapFree(stored);
    expect(stored.map((m) => m.clientId)).toEqual(clientIds);
  });
});
