import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  selectPresence,
  selectTyping,
  selectUnreadCount,
  selectUnreadTotal,
} from '../store/selectors';
import { createChatClient } from './default-chat-client';
import { connected, destroyClients, makeClient, server, until } from './test-client.test-fixtures';

beforeAll(() => server.listen());
afterEach(() => {
  destroyClients();
  server.reset();
});
afterAll(() => server.close());

const CONV = 'c-reze-maison';
const sentBy = (userId: string, event: string) =>
  server.receivedBy(userId).filter((e) => e.event === event);

describe('ChatClient features against the mock server', () => {
  it('reads the active conversation as messages arrive, unless its view reads it (autoRead: false)', async () => {
    const client = makeClient('u-alice');
    await connected(client);
    client.setActiveConversation(CONV);
    await until(client, (s) => s.messages[CONV]?.loaded ?? false);
    server.sendAs('u-bruno', CONV, 'lu tout de suite');
    await until(client, (s) => s.messages[CONV]?.sent.at(-1)?.content === 'lu tout de suite');
    await until(client, (s) => selectUnreadCount(CONV)(s) === 0);
    await vi.waitFor(() => expect(sentBy('u-alice', 'message:read').length).toBeGreaterThan(0), {
      timeout: 5000,
    });
    const reads = sentBy('u-alice', 'message:read').length;

    client.setActiveConversation(CONV, { autoRead: false });
    server.sendAs('u-bruno', CONV, 'lu par la vue');
    await until(client, (s) => selectUnreadCount(CONV)(s) === 1);
    // Nothing reads it behind the view's back, even once the server's count has arrived.
    await new Promise((r) => setTimeout(r, 50));
    expect(sentBy('u-alice', 'message:read')).toHaveLength(reads);
    expect(selectUnreadCount(CONV)(client.getSnapshot())).toBe(1);
    expect(() => client.setActiveConversation(CONV, { autoRead: 'no' as never })).toThrow(
      expect.objectContaining({ code: 'INVALID' }),
    );
  });

  it('watches presence with reference counting and applies user:status', async () => {
    const client = makeClient('u-alice');
    await connected(client);
    const bruno = makeClient('u-bruno');
    await connected(bruno);
    const unwatchA = client.watchPresence(['u-bruno']);
    const unwatchB = client.watchPresence(['u-bruno', 'u-chloe']);
    await until(client, (s) => selectPresence('u-bruno')(s)?.status === 'online');
    expect(sentBy('u-alice', 'presence:get')).toHaveLength(2);
    server.emit('u-alice', 'user:status', {
      userId: 'u-bruno',
      status: 'offline',
      lastSeen: '2025-01-01T00:00:00.000Z',
    });
    await until(client, (s) => selectPresence('u-bruno')(s)?.status === 'offline');
    unwatchA();
    unwatchA();
    expect(client.getSnapshot().presence['u-bruno']).toBeDefined();
    unwatchB();
    expect(client.getSnapshot().presence).toEqual({});
    server.emit('u-alice', 'user:status', {
      userId: 'u-bruno',
      status: 'online',
      lastSeen: '2025-01-01T00:00:00.000Z',
    });
    await new Promise((r) => setTimeout(r, 30));
    expect(client.getSnapshot().presence).toEqual({});
  });

  it('sends typing and shows who types, cleared by their message', async () => {
    const client = makeClient('u-alice');
    await connected(client);
    client.typing(CONV).keystroke();
    await vi.waitFor(() => expect(sentBy('u-alice', 'typing:start')).toHaveLength(1));
    client.typing(CONV).stop();
    await vi.waitFor(() => expect(sentBy('u-alice', 'typing:stop')).toHaveLength(1));
    server.emit('u-alice', 'typing:update', {
      conversationId: CONV,
      userId: 'u-bruno',
      isTyping: true,
    });
    await until(client, (s) => selectTyping(CONV)(s).includes('u-bruno'));
    server.sendAs('u-bruno', CONV, 'fini');
    await until(client, (s) => selectTyping(CONV)(s).length === 0);
    expect(() => client.typing('')).toThrow(expect.objectContaining({ code: 'INVALID' }));
  });

  it('marks read and unread optimistically; the server numbers win', async () => {
    const client = makeClient('u-alice');
    await connected(client);
    await client.loadConversations();
    expect(selectUnreadCount('c-lyon-t2')(client.getSnapshot())).toBe(3);
    const total = selectUnreadTotal(client.getSnapshot());
    const reading = client.markRead('c-lyon-t2');
    expect(selectUnreadCount('c-lyon-t2')(client.getSnapshot())).toBe(0);
    await reading;
    expect(server.state.unread('u-alice', 'c-lyon-t2')).toBe(0);
    await until(client, (s) => selectUnreadTotal(s) === total - 3);
    const marked = () => client.getSnapshot().conversations.byId['c-lyon-t2']?.markedUnread;
    expect(marked()).toBe(false);
    await client.markUnread('c-lyon-t2');
    expect(selectUnreadCount('c-lyon-t2')(client.getSnapshot())).toBe(
      server.state.unread('u-alice', 'c-lyon-t2'),
    );
    // The user's own flag, as the server keeps it: a view can tell a "mark as unread" apart.
    expect(marked()).toBe(true);
    expect(server.state.conversation('c-lyon-t2', 'u-alice').markedUnread).toBe(true);
    server.failNext('message:read', { code: 'FORBIDDEN' });
    await expect(client.markRead('c-lyon-t2')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(selectUnreadCount('c-lyon-t2')(client.getSnapshot())).toBe(1);
    expect(marked()).toBe(true);
    await client.markRead('c-lyon-t2');
    expect(marked()).toBe(false);
    await client.markRead('c-unknown');
  });

  it('applies receipt:read to members and pages conversations', async () => {
    const client = makeClient('u-alice');
    await connected(client);
    await client.loadConversations({ more: true });
    await client.loadConversations({ more: true });
    expect(client.getSnapshot().conversations.hasMore).toBe(false);
    server.emit('u-alice', 'receipt:read', {
      conversationId: CONV,
      userId: 'u-bruno',
      lastReadSeq: 99,
      readAt: '2025-01-01T00:00:00.000Z',
    });
    await until(
      client,
      (s) =>
        s.conversations.byId[CONV]?.members.find((m) => m.userId === 'u-bruno')?.lastReadSeq === 99,
    );
    server.failNext('conversation:list', { code: 'UNAVAILABLE' });
    await expect(client.loadConversations()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(client.getSnapshot().conversations.status).toBe('error');
  });

  it('opens conversations, announces new ones, and searches', async () => {
    const client = makeClient('u-alice');
    await connected(client);
    const conversation = await client.openConversation({
      participantIds: ['u-chloe'],
      subject: { type: 'listing', id: 'L-1' },
    });
    expect(client.getSnapshot().conversations.byId[conversation.id]).toEqual(conversation);
    await expect(client.openConversation({ participantIds: [''] })).rejects.toMatchObject({
      code: 'INVALID',
    });
    const result = await client.search('jardin');
    expect(result.hits.length).toBeGreaterThan(0);
    await expect(client.search('  ')).rejects.toMatchObject({ code: 'INVALID' });
    const chloe = makeClient('u-chloe');
    await connected(chloe);
    await chloe.openConversation({ participantIds: ['u-bruno'] });
    const bruno = makeClient('u-bruno');
    await connected(bruno);
    const created = await chloe.openConversation({
      participantIds: ['u-bruno'],
      subject: { type: 'listing', id: 'L-9' },
    });
    await until(bruno, (s) => s.conversations.byId[created.id] !== undefined);
  });

  it('registers push through the service worker registration', async () => {
    const client = makeClient('u-alice');
    await connected(client);
    const key = new Uint8Array(65).fill(4);
    const publicKey = btoa(String.fromCharCode(...key))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    const subscription = {
      options: { applicationServerKey: key.buffer },
      toJSON: () => ({ endpoint: 'https://push.example/abc', keys: { p256dh: 'p', auth: 'a' } }),
      unsubscribe: async () => true,
    };
    const serviceWorkerRegistration = {
      pushManager: { getSubscription: async () => null, subscribe: async () => subscription },
    } as unknown as ServiceWorkerRegistration;
    await client.registerPush({ serviceWorkerRegistration, publicKey });
    expect(server.state.pushSubscriptions('u-alice').map((s) => s.endpoint)).toEqual([
      'https://push.example/abc',
    ]);
    await client.registerPush({ serviceWorkerRegistration, publicKey, previews: false });
    const sent = sentBy('u-alice', 'push:subscribe');
    expect(sent.map((e) => (e.payload as { previews?: boolean }).previews)).toEqual([
      undefined,
      false,
    ]);
    expect(sent[0]!.payload).not.toHaveProperty('previews');
  });

  it('reports errors through on(), unsubscribes, and leaves nothing after destroy', async () => {
    const client = makeClient('u-alice');
    const statuses: string[] = [];
    const off = client.on('connection', (s) => statuses.push(s.status));
    await connected(client);
    expect(statuses).toContain('connected');
    off();
    client.disconnect();
    await until(client, (s) => s.connection.status === 'idle');
    expect(statuses.at(-1)).toBe('connected');
    expect(() => client.on('error', 'nope' as never)).toThrow(
      expect.objectContaining({ code: 'INVALID' }),
    );
    client.connect();
    await until(client, (s) => s.connection.status === 'connected');
    client.destroy();
    client.destroy();
    await vi.waitFor(() => expect(server.state.socketCount('u-alice')).toBe(0));
    expect(() => client.connect()).toThrow(expect.objectContaining({ code: 'DESTROYED' }));
    expect(() => client.sendMessage(CONV, { content: 'x' })).toThrow(
      expect.objectContaining({ code: 'DESTROYED' }),
    );
    await expect(client.retryMessage('x')).rejects.toBeDefined();
  });

  it('rejects bad options clearly', () => {
    expect(() => createChatClient(null as never)).toThrow(/options/);
    expect(() => createChatClient({ url: '', getToken: () => 't' })).toThrow(/url/);
    expect(() => createChatClient({ url: 'http://x', getToken: 'no' as never })).toThrow(
      /getToken/,
    );
    expect(() =>
      createChatClient({ url: 'http://x', getToken: () => 't', storage: 'disk' as never }),
    ).toThrow(/storage/);
  });
});
