// The real SDK in a worker: one `@causette/core` client per user, as an app in Node makes it
// (memory storage, default transport and reconnect policy), both users of a pair side by side.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { type ChatClient, createChatClient, isChatError } from '@causette/core';
import { forEachLimited } from '../load/connect';
import { pairUserIds } from '../load/pair-link';
import { mintToken } from '../load/tokens';
import { type StormClients, AttemptCounter, BackTracker, waitUntil } from './back-tracker';
import { type StormUser, isConnected, tallyCoreUsers } from './core-tally';
import { MESSAGES_BEFORE, MESSAGES_OFFLINE, offlineSender } from './plan';
import { countInStore } from './store-count';

/** Pairs set up at once: enough to be quick, few enough not to overload the server's admission. */
const SETUP_CONCURRENCY = 20;

/** A set-up request asked again after a transient failure (all are idempotent), until `deadline`. */
async function retrying<T>(deadline: number, request: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await request();
    } catch (error) {
      if (!isChatError(error) || !error.transient || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 200 * 2 ** attempt)));
    }
  }
}

export function coreClients(
  url: string,
  jwtSecret: string,
  runTag: string,
  pairs: number[],
): StormClients {
  const secret = new TextEncoder().encode(jwtSecret);
  const users: StormUser[] = [];
  const senderOf = new Map<string, StormUser>();
  const tracker = new BackTracker(pairs.length * 2);
  const attempts = new AttemptCounter();

  const holdsAll = (user: StormUser) => {
    const count = countInStore(user.client.getSnapshot(), user.conversationId, user.expected);
    return count.missing === 0;
  };

  const send = (sender: StormUser, peer: StormUser, label: string) => {
    const pending = sender.client.sendMessage(sender.conversationId, { content: label });
    senderOf.set(pending.clientId, sender);
    sender.expected.add(pending.clientId);
    peer.expected.add(pending.clientId);
  };

  async function setUpPair(pair: number, deadline: number): Promise<void> {
    const ids = pairUserIds(runTag, pair);
    const tokens = await Promise.all(ids.map((id) => mintToken(secret, id)));
    const [a, b] = ids.map((userId, i) =>
      createChatClient({ url, userId, storage: 'memory', getToken: () => tokens[i] as string }),
    ) as [ChatClient, ChatClient];
    for (const client of [a, b]) client.connect();
    const timeoutMs = Math.max(1, deadline - Date.now());
    await Promise.all([a, b].map((c) => c.waitForConnection({ timeoutMs })));
    const { id } = await retrying(deadline, () => a.openConversation({ participantIds: [ids[1]] }));
    await retrying(deadline, () => b.loadConversation(id));
    // A loaded window is what a conversation on screen has: sync keeps it complete.
    await Promise.all([a, b].map((c) => retrying(deadline, () => c.loadOlderMessages(id))));
    const userA: StormUser = { client: a, conversationId: id, expected: new Set() };
    const userB: StormUser = { client: b, conversationId: id, expected: new Set() };
    users[indexOf(pair) * 2] = userA;
    users[indexOf(pair) * 2 + 1] = userB;
    for (let n = 0; n < MESSAGES_BEFORE; n++) {
      send(userA, userB, `storm ${pair}a before ${n}`);
      send(userB, userA, `storm ${pair}b before ${n}`);
    }
    await Promise.all(
      [userA, userB].map((user) =>
        waitUntil(user.client.subscribe, () => holdsAll(user), deadline, `pair ${pair} history`),
      ),
    );
  }

  const position = new Map(pairs.map((pair, i) => [pair, i]));
  const indexOf = (pair: number) => position.get(pair) as number;

  return {
    tracker,
    restarted: () => attempts.restarted(),
    attemptErrors: () => attempts.errors,
    async setUp(deadline) {
      await forEachLimited(pairs, SETUP_CONCURRENCY, (pair) => setUpPair(pair, deadline));
    },
    async goDown(deadline) {
      await Promise.allSettled(
        users.map((user) =>
          waitUntil(
            user.client.subscribe,
            () => !isConnected(user.client.getSnapshot()),
            deadline,
            'disconnect',
          ),
        ),
      );
      const stillConnected = users.filter((u) => isConnected(u.client.getSnapshot())).length;
      let queued = 0;
      pairs.forEach((pair, i) => {
        const who = offlineSender(pair);
        if (!who) return;
        const [sender, peer] = who === 'a' ? [i * 2, i * 2 + 1] : [i * 2 + 1, i * 2];
        for (let n = 0; n < MESSAGES_OFFLINE; n++) {
          send(users[sender] as StormUser, users[peer] as StormUser, `storm ${pair} offline ${n}`);
          queued++;
        }
      });
      users.forEach((user, index) => watchBack(user, index));
      for (const user of users) countFailures(user);
      return { stillConnected, queued };
    },
    tally: () => tallyCoreUsers(users, tracker, senderOf),
    close() {
      for (const user of users) user.client.destroy();
    },
  };

  /** Counts every failed attempt of `user` (its attempt count grows) by its error. */
  function countFailures(user: StormUser): void {
    let attempt = user.client.getSnapshot().connection.attempt;
    user.client.on('connection', (snapshot) => {
      if (snapshot.attempt > attempt && snapshot.lastError) {
        attempts.failed(`${snapshot.lastError.code}: ${snapshot.lastError.message}`);
      }
      attempt = snapshot.attempt;
    });
  }

  /** Records when `user` is connected again, then when it holds every message it expects. */
  function watchBack(user: StormUser, index: number): void {
    const check = () => {
      const state = user.client.getSnapshot();
      if (!isConnected(state)) return;
      tracker.connected(index);
      if (!holdsAll(user)) return;
      tracker.back(index);
      unsubscribe();
    };
    const unsubscribe = user.client.subscribe(check);
    check();
  }
}
