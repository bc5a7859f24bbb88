import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ChatNotification } from '../events/types';
import { openIndexedDbStorage } from '../storage/indexeddb-storage';
import { selectMessages, selectUnreadCount } from '../store/selectors';
import {
  connected,
  destroyClients,
  makeClient,
  server,
  shownSeqs,
  until,
} from './test-client.test-fixtures';

beforeAll(() => server.listen());
afterEach(() => {
  destroyClients();
  server.reset();
});
afterAll(() => server.close());

const CONV = 'c-reze-maison';

describe('ChatClient against the mock server', () => {
  it('connects as the token user and loads conversations by recency', async () => {
    const client = makeClient('u-alice');
    const state = await connected(client);
    expect(state.user?.userId).toBe('u-alice');
    expect(state.storage).toEqual({ kind: 'memory', durable: false, loaded: true });
    await client.loadConversations();
    const after = client.getSnapshot();
    expect(after.conversations.status).toBe('loaded');
    const times = after.conversations.order.map(
      (id) => after.conversations.byId[id]?.lastMessageAt ?? '',
    );
    expect([...times].sort().reverse()).toEqual(times);
    expect(after.conversations.order).toContain(CONV);
  });

  it('opens the active conversation, shows its latest page and marks it read', async () => {
    const client = makeClient('u-alice');
    await connected(client);
    await client.loadConversations();
    client.setActiveConversation('c-lyon-t2');
    const state = await until(
      client,
      (s) => selectUnreadCount('c-lyon-t2')(s) === 0 && (s.messages['c-lyon-t2']?.loaded ?? false),
    );
    const seqs = shownSeqs(state, 'c-lyon-t2');
    expect(seqs[seqs.length - 1]).toBe(server.state.messages('c-lyon-t2').length);
    await vi.waitFor(() => expect(server.state.unread('u-alice', 'c-lyon-t2')).toBe(0));
    await client.loadOlderMessages('c-lyon-t2');
    expect(shownSeqs(client.getSnapshot(), 'c-lyon-t2').length).toBeGreaterThan(seqs.length);
  });

  it('shows a sent message as pending at once, then sent, stored once', async () => {
    const logger = { debug: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const client = makeClient('u-alice', { logger });
    await connected(client);
    client.setActiveConversation(CONV);
    await until(client, (s) => s.messages[CONV]?.loaded ?? false);
    // An app's throwing listener is reported; neither the other listeners nor the SDK stop.
    client.on('message', () => {
      throw new Error('app bug');
    });
    const seen = vi.fn();
    client.on('message', seen);
    const pending = client.sendMessage(CONV, { content: 'Bonjour !' });
    expect(pending).toMatchObject({ status: 'pending', content: 'Bonjour !', senderId: 'u-alice' });
    expect(selectMessages(CONV)(client.getSnapshot()).at(-1)).toMatchObject({
      clientId: pending.clientId,
    });
    const state = await until(client, (s) => s.messages[CONV]?.pending.length === 0);
    const items = selectMessages(CONV)(state);
    expect(items.filter((m) => m.clientId === pending.clientId)).toEqual([
      expect.objectContaining({ status: 'sent', content: 'Bonjour !' }),
    ]);
    expect(server.state.messages(CONV).filter((m) => m.clientId === pending.clientId)).toHaveLength(
      1,
    );
    // Announced once, though it came back both as the ack and as message:new.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen.mock.calls.filter(([m]) => m.clientId === pending.clientId)).toHaveLength(1);
    expect(logger.error).toHaveBeenCalledWith(
      "causette: a 'message' listener threw",
      expect.objectContaining({ message: 'app bug' }),
    );
  });

  it('refuses invalid content at once with INVALID', async () => {
    const client = makeClient('u-alice');
    expect(() => client.sendMessage(CONV, { content: '   ' })).toThrow(
      expect.objectContaining({ code: 'INVALID' }),
    );
    expect(() => client.sendMessage('', { content: 'x' })).toThrow(
      expect.objectContaining({ code: 'INVALID' }),
    );
    expect(() => client.sendMessage(CONV, { content: 'x'.repeat(4001) })).toThrow(/4000/);
    expect(() => client.sendMessage(CONV, { content: 'x' })).toThrow(
      expect.objectContaining({ code: 'OFFLINE' }),
    );
    expect(() => client.on('mesage' as 'message', () => undefined)).toThrow(
      /unknown event mesage: one of message, notification/,
    );
  });

  it('resends after a lost ack under the same clientId: no duplicate, nothing stuck', async () => {
    const client = makeClient('u-alice');
    await connected(client);
    client.setActiveConversation(CONV);
    await until(client, (s) => s.messages[CONV]?.loaded ?? false);
    server.dropNextAck('message:send');
    const pending = client.sendMessage(CONV, { content: 'perdu ?' });
    const state = await until(client, (s) => s.messages[CONV]?.pending.length === 0);
    const sends = server.receivedBy('u-alice').filter((e) => e.event === 'message:send');
    // Resent after the timeout, or acknowledged by a sync after a reconnect: never twice stored.
    expect(sends.length).toBeGreaterThanOrEqual(1);
    expect(new Set(sends.map((e) => (e.payload as { clientId: string }).clientId))).toEqual(
      new Set([pending.clientId]),
    );
    expect(server.state.messages(CONV).filter((m) => m.clientId === pending.clientId)).toHaveLength(
      1,
    );
    expect(selectMessages(CONV)(state).filter((m) => m.clientId === pending.clientId)).toHaveLength(
      1,
    );
  });

  it('marks a permanent failure failed with the server error; retry sends it', async () => {
    const client = makeClient('u-alice');
    await connected(client);
    client.setActiveConversation(CONV);
    await until(client, (s) => s.messages[CONV]?.loaded ?? false);
    const failed = vi.fn();
    client.on('message:failed', failed);
    server.failNext('message:send', { code: 'FORBIDDEN', message: 'nope' });
    const pending = client.sendMessage(CONV, { content: 'refusé' });
    await until(client, (s) => s.messages[CONV]?.pending[0]?.status === 'failed');
    expect(client.getSnapshot().messages[CONV]?.pending[0]?.error).toEqual({
      code: 'FORBIDDEN',
      message: 'nope',
    });
    expect(failed).toHaveBeenCalledWith(
      pending.clientId,
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
    await client.retryMessage(pending.clientId);
    await until(client, (s) => s.messages[CONV]?.pending.length === 0);
    const discardMe = client.sendMessage(CONV, { content: 'x' });
    await client.discardMessage(discardMe.clientId).catch(() => undefined);
  });

  it('a reloaded client resends the outbox under the same clientId, stored once', async () => {
    const indexedDB = new IDBFactory();
    const first = makeClient('u-alice', { indexedDB });
    await connected(first);
    await until(first, (s) => s.storage.durable);
    server.goOffline();
    await until(first, (s) => s.connection.status !== 'connected');
    const pending = first.sendMessage(CONV, { content: 'après rechargement' });
    await vi.waitFor(async () => {
      const probe = await openIndexedDbStorage({ userId: 'u-alice', indexedDB });
      const entries = await probe.outbox.list();
      probe.close();
      expect(entries.map((e) => e.clientId)).toEqual([pending.clientId]);
    });
    first.destroy();
    server.goOnline();
    const second = makeClient('u-alice', { indexedDB });
    await connected(second);
    second.setActiveConversation(CONV);
    // Stored, not only "nothing pending": the window may load before the outbox is read.
    const state = await until(
      second,
      (s) =>
        (s.messages[CONV]?.loaded ?? false) &&
        s.messages[CONV]?.pending.length === 0 &&
        (s.messages[CONV]?.sent.some((m) => m.clientId === pending.clientId) ?? false),
    );
    const sends = server.receivedBy('u-alice').filter((e) => e.event === 'message:send');
    expect(sends.map((e) => (e.payload as { clientId: string }).clientId)).toContain(
      pending.clientId,
    );
    expect(server.state.messages(CONV).filter((m) => m.clientId === pending.clientId)).toHaveLength(
      1,
    );
    expect(selectMessages(CONV)(state).filter((m) => m.clientId === pending.clientId)).toHaveLength(
      1,
    );
  }, 15_000);

  it('tries a failed sync again within the session, so what was missed during a drop shows', async () => {
    const client = makeClient('u-alice');
    await connected(client);
    client.setActiveConversation(CONV);
    await until(client, (s) => s.messages[CONV]?.loaded ?? false);
    const before = server.receivedBy('u-alice').length;
    // The next sync fails for a transient reason, and a message comes while the client is away.
    server.failNext('sync', { code: 'UNAVAILABLE', message: 'busy' });
    server.disconnectUser('u-alice', { how: 'transport' });
    server.sendAs('u-bruno', CONV, 'pendant la coupure');
    const last = () => server.state.messages(CONV).at(-1)?.seq;
    await until(client, (s) => s.messages[CONV]?.sent.at(-1)?.seq === last());
    const syncs = server
      .receivedBy('u-alice')
      .slice(before)
      .filter((e) => e.event === 'sync');
    expect(syncs.length).toBeGreaterThanOrEqual(2);
  });

  it('notifies of messages from others outside the active conversation, fills gaps', async () => {
    const client = makeClient('u-alice');
    await connected(client);
    await client.loadConversations();
    client.setActiveConversation(CONV);
    await until(client, (s) => s.messages[CONV]?.loaded ?? false);
    const notifications: ChatNotification[] = [];
    client.on('notification', (n) => notifications.push(n));
    server.sendAs('u-chloe', 'c-croix-rousse', 'Vous êtes là ?');
    server.sendAs('u-bruno', CONV, 'Dans la conversation active');
    await until(
      client,
      (s) => s.conversations.byId['c-croix-rousse']?.lastMessage?.content === 'Vous êtes là ?',
    );
    await vi.waitFor(() =>
      expect(notifications.map((n) => n.message.content)).toEqual(['Vous êtes là ?']),
    );
    // A sync that fails leaves a gap that the next message:new reveals.
    server.disconnectUser('u-alice', { how: 'transport' });
    server.failNext('sync', { code: 'UNAVAILABLE' });
    await until(client, (s) => s.connection.status !== 'connected');
    server.sendAs('u-bruno', CONV, 'manqué 1');
    server.sendAs('u-bruno', CONV, 'manqué 2');
    await until(client, (s) => s.connection.status === 'connected');
    server.sendAs('u-bruno', CONV, 'visible');
    const state = await until(client, (s) => s.messages[CONV]?.sent.at(-1)?.content === 'visible');
    const seqs = shownSeqs(state, CONV);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => (seqs[0] ?? 0) + i));
    expect(seqs.at(-1)).toBe(server.state.messages(CONV).length);
  });
});
