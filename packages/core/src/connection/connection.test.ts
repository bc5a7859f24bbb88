import type { MessageNewEvent } from '@causette/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isChatError } from '../errors';
import { socketIoTransport } from '../socket-io/socket-io-transport';
import { webSocketTransport } from '../websocket/websocket-socket';
import type { SocketTransport } from '../socket/types';
import { Connection } from './connection';
import { type TestServer, startTestServer, waitForStatus } from './test-server';
import type { ConnectionOptions, ConnectionStatus } from './types';

let server: TestServer;
const connections: Connection[] = [];

/** Tokens handed out by `getToken`: token-1, token-2, ... */
function tokenSource() {
  let n = 0;
  return vi.fn(() => `token-${++n}`);
}

// Every behaviour holds on every transport: socket.io-client (the default), socket.io-client
// forced onto HTTP long-polling (the fallback behind proxies that block WebSockets), and the
// WebSocket-only client of `@causette/core/websocket`.
const TRANSPORTS: [string, () => SocketTransport][] = [
  ['socket.io-client (the default)', () => socketIoTransport()],
  ['socket.io-client long-polling', () => socketIoTransport({ transports: ['polling'] })],
  ['the WebSocket-only client', () => webSocketTransport()],
];
let transport: SocketTransport = socketIoTransport();

function open(options: Partial<ConnectionOptions> = {}): Connection {
  const connection = new Connection({
    url: server.url,
    getToken: tokenSource(),
    backoff: { minDelayMs: 10, maxDelayMs: 40 },
    defaultTransport: transport,
    ...options,
  });
  connections.push(connection);
  return connection;
}

const waitFor = waitForStatus;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeEach(async () => {
  server = await startTestServer((socket) => {
    socket.on('presence:get', (payload: { userIds: string[] }, ack: (r: unknown) => void) => {
      ack({
        ok: true,
        data: { presences: payload.userIds.map((userId) => ({ userId, status: 'online' })) },
      });
    });
    socket.on('conversation:get', (_payload: unknown, ack: (r: unknown) => void) => {
      ack({ ok: false, error: { code: 'RATE_LIMITED', message: 'slow down', retryAfterMs: 1500 } });
    });
    socket.on('sync', (_payload: unknown, ack: (r: unknown) => void) => ack('nonsense'));
    // message:history is never acknowledged: the timeout case.
  });
});

afterEach(async () => {
  for (const connection of connections.splice(0)) connection.destroy();
  await server.close();
  vi.unstubAllGlobals();
});

describe.each(TRANSPORTS)('over %s', (_name, makeTransport) => {
  beforeEach(() => {
    transport = makeTransport();
  });

  describe('connecting', () => {
    it('goes idle → connecting → connected and opens a session', async () => {
      const connection = open();
      const statuses: ConnectionStatus[] = [];
      connection.onStatus((s) => statuses.push(s.status));
      const session = vi.fn();
      connection.onSession(session);
      expect(connection.state).toEqual({ status: 'idle', attempt: 0 });
      connection.connect();
      connection.connect();
      await waitFor(connection, 'connected');
      expect(statuses).toEqual(['connecting', 'connected']);
      expect(session).toHaveBeenCalledTimes(1);
      expect(server.tokens).toEqual(['token-1']);
      expect(server.connected()).toHaveLength(1);
    });

    it('fetches a fresh token for every attempt and reconnects after a server disconnect', async () => {
      const getToken = tokenSource();
      const connection = open({ getToken });
      const session = vi.fn();
      connection.onSession(session);
      connection.connect();
      await waitFor(connection, 'connected');
      server.connected()[0]!.disconnect(true);
      await waitFor(connection, 'reconnecting');
      expect(connection.state.lastError?.code).toBe('UNAVAILABLE');
      await waitFor(connection, 'connected');
      expect(server.tokens).toEqual(['token-1', 'token-2']);
      expect(getToken).toHaveBeenCalledTimes(2);
      expect(session).toHaveBeenCalledTimes(2);
      expect(connection.state).toEqual({ status: 'connected', attempt: 0 });
    });

    it('accepts an async getToken', async () => {
      const connection = open({ getToken: async () => 'async-token' });
      connection.connect();
      await waitFor(connection, 'connected');
      expect(server.tokens).toEqual(['async-token']);
    });
  });

  describe('request', () => {
    it('resolves the data of an ok ack', async () => {
      const connection = open();
      connection.connect();
      await waitFor(connection, 'connected');
      await expect(connection.request('presence:get', { userIds: ['u1'] })).resolves.toEqual({
        presences: [{ userId: 'u1', status: 'online' }],
      });
    });

    it('rejects with the code, message and retryAfterMs of an error ack', async () => {
      const connection = open();
      connection.connect();
      await waitFor(connection, 'connected');
      const error = await connection
        .request('conversation:get', { conversationId: 'c' })
        .catch((e) => e);
      expect(isChatError(error)).toBe(true);
      expect(error).toMatchObject({
        code: 'RATE_LIMITED',
        message: 'slow down',
        retryAfterMs: 1500,
      });
    });

    it('rejects a malformed ack with INTERNAL', async () => {
      const connection = open();
      connection.connect();
      await waitFor(connection, 'connected');
      await expect(connection.request('sync', { cursors: {} })).rejects.toMatchObject({
        code: 'INTERNAL',
      });
    });

    it('rejects with TIMEOUT when no ack comes in time', async () => {
      const connection = open();
      connection.connect();
      await waitFor(connection, 'connected');
      await expect(
        connection.request('message:history', { conversationId: 'c' }, { timeoutMs: 30 }),
      ).rejects.toMatchObject({ code: 'TIMEOUT' });
    });

    it('rejects with OFFLINE at once when not connected, and never sends it later', async () => {
      const received = vi.fn();
      server.io.on('connection', (socket) => socket.on('presence:get', received));
      const connection = open();
      await expect(connection.request('presence:get', { userIds: ['u1'] })).rejects.toMatchObject({
        code: 'OFFLINE',
      });
      connection.connect();
      await waitFor(connection, 'connected');
      await sleep(30);
      expect(received).not.toHaveBeenCalled();
    });

    it('rejects with ABORTED when the signal fires, before or after sending', async () => {
      const connection = open();
      connection.connect();
      await waitFor(connection, 'connected');
      const controller = new AbortController();
      const pending = connection.request(
        'message:history',
        { conversationId: 'c' },
        { signal: controller.signal },
      );
      controller.abort();
      await expect(pending).rejects.toMatchObject({ code: 'ABORTED' });
      await expect(
        connection.request('presence:get', { userIds: ['u'] }, { signal: controller.signal }),
      ).rejects.toMatchObject({ code: 'ABORTED' });
    });

    it('rejects pending requests with TIMEOUT when the connection drops', async () => {
      const connection = open();
      connection.connect();
      await waitFor(connection, 'connected');
      const pending = connection.request('message:history', { conversationId: 'c' });
      await sleep(10);
      server.connected()[0]!.disconnect(true);
      await expect(pending).rejects.toMatchObject({ code: 'TIMEOUT' });
    });
  });

  describe('server events', () => {
    it('delivers events to listeners that survive reconnects, until unsubscribed', async () => {
      const connection = open();
      const messages: MessageNewEvent[] = [];
      const off = connection.on('message:new', (event) => messages.push(event));
      connection.connect();
      await waitFor(connection, 'connected');
      const first = { message: { id: 'm1' } } as unknown as MessageNewEvent;
      server.io.emit('message:new', first);
      await vi.waitFor(() => expect(messages).toHaveLength(1));
      server.connected()[0]!.disconnect(true);
      await waitFor(connection, 'reconnecting');
      await waitFor(connection, 'connected');
      server.io.emit('message:new', first);
      await vi.waitFor(() => expect(messages).toHaveLength(2));
      off();
      server.io.emit('message:new', first);
      await sleep(30);
      expect(messages).toHaveLength(2);
    });

    it('keeps delivering when a listener throws', async () => {
      const logger = { debug: vi.fn(), warn: vi.fn(), error: vi.fn() };
      const connection = open({ logger });
      const seen = vi.fn();
      connection.on('unread:count', () => {
        throw new Error('boom');
      });
      connection.on('unread:count', seen);
      connection.connect();
      await waitFor(connection, 'connected');
      server.io.emit('unread:count', { count: 1, conversationId: 'c', conversationUnread: 1 });
      await vi.waitFor(() => expect(seen).toHaveBeenCalledTimes(1));
      expect(logger.error).toHaveBeenCalled();
    });
  });

  describe('notify', () => {
    it('sends typing events when connected and drops them otherwise', async () => {
      const typing = vi.fn();
      server.io.on('connection', (socket) => socket.on('typing:start', typing));
      const connection = open();
      connection.notify('typing:start', { conversationId: 'before' });
      connection.connect();
      await waitFor(connection, 'connected');
      connection.notify('typing:start', { conversationId: 'c' });
      await vi.waitFor(() => expect(typing).toHaveBeenCalledTimes(1));
      expect(typing).toHaveBeenCalledWith({ conversationId: 'c' });
    });
  });
});
