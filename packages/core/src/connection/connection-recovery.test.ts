import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installFakeBrowser } from '../environment/test-browser';
import { ChatError } from '../errors';
import { socketIoTransport } from '../socket-io/socket-io-transport';
import { Connection } from './connection';
import { type TestServer, startTestServer, waitForStatus } from './test-server';
import type { ConnectionOptions, ConnectionSnapshot } from './types';

let server: TestServer;
const connections: Connection[] = [];

function tokenSource() {
  let n = 0;
  return vi.fn(() => `token-${++n}`);
}

/** A connection whose backoff is a minute unless overridden: a test that waits on it fails. */
function open(options: Partial<ConnectionOptions> = {}) {
  const connection = new Connection({
    url: server.url,
    getToken: tokenSource(),
    backoff: { minDelayMs: 60_000, maxDelayMs: 60_000 },
    defaultTransport: socketIoTransport(),
    ...options,
  });
  connections.push(connection);
  const history: ConnectionSnapshot[] = [];
  connection.onStatus((snapshot) => history.push(snapshot));
  return { connection, history };
}

const fastBackoff = { minDelayMs: 10, maxDelayMs: 20 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeEach(async () => {
  server = await startTestServer();
});

afterEach(async () => {
  for (const connection of connections.splice(0)) connection.destroy();
  await server.close();
  vi.unstubAllGlobals();
});

describe('handshake refusals', () => {
  it('retries at once with a fresh token after TOKEN_EXPIRED', async () => {
    server.setVerdict((token) => (token === 'token-1' ? 'TOKEN_EXPIRED' : undefined));
    const { connection, history } = open();
    connection.connect();
    await waitForStatus(connection, 'connected');
    expect(server.tokens).toEqual(['token-1', 'token-2']);
    expect(history.map((s) => s.status)).toEqual(['connecting', 'reconnecting', 'connected']);
    expect(history[1]).toMatchObject({ attempt: 1, lastError: { code: 'TOKEN_EXPIRED' } });
    expect(history[1]?.nextRetryAt).toBeUndefined();
  });

  it('backs off when TOKEN_EXPIRED repeats', async () => {
    server.setVerdict((token) => (token === 'token-3' ? undefined : 'TOKEN_EXPIRED'));
    const { connection, history } = open({ backoff: fastBackoff, random: () => 1 });
    connection.connect();
    await waitForStatus(connection, 'connected');
    expect(server.tokens).toEqual(['token-1', 'token-2', 'token-3']);
    const waits = history.filter((s) => s.nextRetryAt !== undefined);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toMatchObject({ status: 'reconnecting', attempt: 2 });
  });

  it('stops with unauthorized on UNAUTHORIZED, until connect() is called again', async () => {
    server.setVerdict(() => 'UNAUTHORIZED');
    const { connection } = open({ backoff: fastBackoff });
    connection.connect();
    await waitForStatus(connection, 'unauthorized');
    expect(connection.state.lastError).toMatchObject({
      code: 'UNAUTHORIZED',
      message: 'refused: UNAUTHORIZED',
    });
    expect(connection.state.nextRetryAt).toBeUndefined();
    await sleep(60);
    expect(server.tokens).toHaveLength(1);
    server.setVerdict(() => undefined);
    connection.connect();
    await waitForStatus(connection, 'connected');
    expect(server.tokens).toEqual(['token-1', 'token-2']);
  });

  it('stops on ORIGIN_REJECTED carried in the handshake data', async () => {
    server.setVerdict(() => 'ORIGIN_REJECTED');
    const { connection } = open({ backoff: fastBackoff });
    connection.connect();
    await waitForStatus(connection, 'unauthorized');
    expect(connection.state.lastError?.code).toBe('ORIGIN_REJECTED');
  });

  it('falls back to HTTP long-polling by default where WebSockets are blocked', async () => {
    // A server (or a proxy in front of it) that never lets a WebSocket through.
    const pollingOnly = await startTestServer(
      (socket) => {
        socket.on('presence:get', (_payload: unknown, ack: (r: unknown) => void) =>
          ack({ ok: true, data: { presences: [] } }),
        );
      },
      { transports: ['polling'] },
    );
    try {
      const { connection } = open({ url: pollingOnly.url, backoff: fastBackoff });
      connection.connect();
      await waitForStatus(connection, 'connected');
      const [socket] = pollingOnly.connected();
      expect(socket?.conn.transport.name).toBe('polling');
      await expect(connection.request('presence:get', { userIds: ['u'] })).resolves.toEqual({
        presences: [],
      });
    } finally {
      await pollingOnly.close();
    }
  });

  it('stops on the origin check of the transport (socket.io-client, polling)', async () => {
    const guarded = await startTestServer(() => undefined, {
      allowRequest: (req, callback) =>
        req.headers.origin === 'https://evil.test'
          ? callback('ORIGIN_REJECTED', false)
          : callback(null, true),
    });
    try {
      const { connection } = open({
        url: guarded.url,
        backoff: fastBackoff,
        socketOptions: {
          transport: socketIoTransport({
            transports: ['polling'],
            extraHeaders: { Origin: 'https://evil.test' },
          }),
        },
      });
      connection.connect();
      await waitForStatus(connection, 'unauthorized');
      expect(connection.state.lastError?.code).toBe('ORIGIN_REJECTED');
    } finally {
      await guarded.close();
    }
  });

  it('backs off on OVERLOADED with the injected jitter, then connects', async () => {
    server.setVerdict((token) => (token === 'token-3' ? undefined : 'OVERLOADED'));
    const { connection, history } = open({ backoff: fastBackoff, random: () => 1 });
    connection.connect();
    await waitForStatus(connection, 'connected');
    const waits = history.filter((s) => s.nextRetryAt !== undefined);
    expect(waits.map((s) => [s.status, s.attempt, s.lastError?.code])).toEqual([
      ['reconnecting', 1, 'OVERLOADED'],
      ['reconnecting', 2, 'OVERLOADED'],
    ]);
    expect(connection.state).toEqual({ status: 'connected', attempt: 0 });
  });
});

describe('failing attempts', () => {
  it('treats a rejecting or throwing getToken as a failed attempt with backoff', async () => {
    let calls = 0;
    const getToken = vi.fn(() => {
      calls += 1;
      if (calls === 1) return Promise.reject(new Error('auth server down'));
      if (calls === 2) throw new Error('sync failure');
      if (calls === 3) return '';
      return 'good';
    });
    const { connection, history } = open({ getToken, backoff: fastBackoff });
    connection.connect();
    await waitForStatus(connection, 'connected');
    const errors = history.filter((s) => s.nextRetryAt !== undefined).map((s) => s.lastError);
    expect(errors.map((e) => e?.code)).toEqual(['UNAVAILABLE', 'UNAVAILABLE', 'UNAVAILABLE']);
    expect(errors[0]?.message).toBe('getToken failed: auth server down');
    expect(errors[2]?.message).toMatch(/non-empty string/);
    expect(server.tokens).toEqual(['good']);
  });

  it('stops with unauthorized when getToken throws ChatError UNAUTHORIZED', async () => {
    const getToken = vi.fn(() => {
      throw new ChatError('UNAUTHORIZED', 'signed out');
    });
    const { connection } = open({ getToken, backoff: fastBackoff });
    connection.connect();
    await waitForStatus(connection, 'unauthorized');
    expect(connection.state.lastError).toMatchObject({
      code: 'UNAUTHORIZED',
      message: 'signed out',
    });
    await sleep(40);
    expect(getToken).toHaveBeenCalledTimes(1);
  });

  it('gives up on a getToken that never settles, then retries', async () => {
    let calls = 0;
    const getToken = vi.fn(() => (++calls === 1 ? new Promise<string>(() => undefined) : 'late'));
    const { connection, history } = open({ getToken, tokenTimeoutMs: 20, backoff: fastBackoff });
    connection.connect();
    await waitForStatus(connection, 'connected');
    const failure = history.find((s) => s.nextRetryAt !== undefined);
    expect(failure?.lastError?.message).toBe('getToken failed: no token within 20 ms');
    expect(server.tokens).toEqual(['late']);
  });

  it('keeps retrying with backoff while the server is unreachable', async () => {
    const { connection, history } = open({ url: 'http://127.0.0.1:1', backoff: fastBackoff });
    connection.connect();
    // Each attempt tries WebSocket then polling; on a loaded machine three of them can take
    // longer than waitFor's default second.
    await vi.waitFor(() => expect(connection.state.attempt).toBeGreaterThanOrEqual(3), {
      timeout: 10_000,
    });
    expect(connection.state.status).toBe('reconnecting');
    expect(connection.state.lastError?.code).toBe('UNAVAILABLE');
    expect(history[0]?.status).toBe('connecting');
  });
});

describe('dropped connections', () => {
  it('reconnects at once with a fresh token after session:expired', async () => {
    const { connection } = open();
    const session = vi.fn();
    connection.onSession(session);
    const expired = vi.fn();
    connection.on('session:expired', expired);
    connection.connect();
    await waitForStatus(connection, 'connected');
    const socket = server.connected()[0]!;
    socket.emit('session:expired', {});
    socket.disconnect(true);
    await vi.waitFor(() => expect(session).toHaveBeenCalledTimes(2));
    expect(expired).toHaveBeenCalledWith({});
    expect(server.tokens).toEqual(['token-1', 'token-2']);
  });

  it('reconnects after a transport close', async () => {
    const { connection, history } = open({ backoff: fastBackoff });
    connection.connect();
    await waitForStatus(connection, 'connected');
    server.connected()[0]!.conn.close();
    await vi.waitFor(() => expect(server.tokens).toHaveLength(2));
    await waitForStatus(connection, 'connected');
    expect(history.map((s) => s.status)).toEqual([
      'connecting',
      'connected',
      'reconnecting',
      'reconnecting',
      'connected',
    ]);
    expect(history[2]?.lastError?.message).toBe('connection lost: transport close');
  });
});

describe('browser signals', () => {
  it('waits offline without attempting, and connects on the online event', async () => {
    const browser = installFakeBrowser();
    browser.navigator.onLine = false;
    const getToken = tokenSource();
    const { connection } = open({ getToken });
    connection.connect();
    expect(connection.state.status).toBe('offline');
    expect(getToken).not.toHaveBeenCalled();
    browser.goOnline();
    await waitForStatus(connection, 'connected');
  });

  it('retries at once on online, cancelling the backoff', async () => {
    const browser = installFakeBrowser();
    server.setVerdict((token) => (token === 'token-1' ? 'OVERLOADED' : undefined));
    const { connection } = open();
    connection.connect();
    await vi.waitFor(() => expect(connection.state.nextRetryAt).toBeDefined());
    browser.goOnline();
    await waitForStatus(connection, 'connected');
  });

  it('retries at once when the tab becomes visible', async () => {
    const browser = installFakeBrowser();
    server.setVerdict((token) => (token === 'token-1' ? 'OVERLOADED' : undefined));
    const { connection } = open();
    connection.connect();
    await vi.waitFor(() => expect(connection.state.nextRetryAt).toBeDefined());
    browser.hide();
    browser.show();
    await waitForStatus(connection, 'connected');
  });

  it('goes offline on the offline event, dropping the backoff timer', async () => {
    const browser = installFakeBrowser();
    server.setVerdict(() => 'OVERLOADED');
    const { connection } = open();
    connection.connect();
    await vi.waitFor(() => expect(connection.state.nextRetryAt).toBeDefined());
    browser.goOffline();
    expect(connection.state.status).toBe('offline');
    expect(connection.state.nextRetryAt).toBeUndefined();
    browser.hide();
    browser.show();
    await sleep(30);
    expect(server.tokens).toHaveLength(1);
  });

  it('drops a connected socket on the offline event at once, and reconnects on online', async () => {
    const browser = installFakeBrowser();
    const { connection } = open();
    connection.connect();
    await waitForStatus(connection, 'connected');
    browser.goOffline();
    expect(connection.state).toMatchObject({
      status: 'offline',
      lastError: { code: 'UNAVAILABLE', message: 'connection lost: network offline' },
    });
    await vi.waitFor(() => expect(server.connected()).toHaveLength(0));
    browser.goOnline();
    await waitForStatus(connection, 'connected');
    expect(server.tokens).toHaveLength(2);
  });
});
