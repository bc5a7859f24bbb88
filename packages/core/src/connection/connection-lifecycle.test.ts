import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type FakeBrowser, installFakeBrowser } from '../environment/test-browser';
import { isChatError } from '../errors';
import { socketIoTransport } from '../socket-io/socket-io-transport';
import { webSocketTransport } from '../websocket/websocket-socket';
import { Connection } from './connection';
import { type TestServer, startTestServer } from './test-server';
import type { ConnectionOptions } from './types';

let server: TestServer;
let browser: FakeBrowser;
const connections: Connection[] = [];

function open(options: Partial<ConnectionOptions> = {}) {
  const connection = new Connection({
    url: server.url,
    getToken: () => 'token',
    defaultTransport: socketIoTransport(),
    ...options,
  });
  connections.push(connection);
  return connection;
}

/** Only timer functions are faked: sockets keep working on real I/O, vi.waitFor on real time. */
function fakeTimers() {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
}

function expectNothingLeft() {
  expect(vi.getTimerCount()).toBe(0);
  expect(browser.window.listenerCount).toBe(0);
  expect(browser.document.listenerCount).toBe(0);
}

/**
 * A connected socket closes politely: socket.io sends its DISCONNECT packet, then engine.io drops
 * its heartbeat timer and the transport within a tick or an I/O round trip. Our own timers and
 * listeners are gone at once; the transport's shortly after, without any timer having to fire.
 */
async function expectNothingLeftOnceClosed() {
  expect(browser.window.listenerCount).toBe(0);
  expect(browser.document.listenerCount).toBe(0);
  await vi.waitFor(() => expect(server.connected()).toHaveLength(0));
  await vi.waitFor(() => expect(vi.getTimerCount()).toBe(0));
}

beforeEach(async () => {
  server = await startTestServer();
  browser = installFakeBrowser();
});

afterEach(async () => {
  vi.useRealTimers();
  for (const connection of connections.splice(0)) connection.destroy();
  await server.close();
  vi.unstubAllGlobals();
});

describe('disconnect()', () => {
  it('closes the socket and leaves no timer or listener once connected', async () => {
    fakeTimers();
    const connection = open();
    connection.connect();
    await vi.waitFor(() => expect(connection.state.status).toBe('connected'));
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    expect(browser.window.listenerCount).toBe(2);
    expect(browser.document.listenerCount).toBe(1);
    connection.disconnect();
    expect(connection.state).toEqual({ status: 'idle', attempt: 0 });
    await expectNothingLeftOnceClosed();
    vi.advanceTimersByTime(120_000);
    expect(server.tokens).toHaveLength(1);
  });

  it('drops a pending backoff timer', async () => {
    fakeTimers();
    server.setVerdict(() => 'OVERLOADED');
    const getToken = vi.fn(() => 'token');
    const connection = open({ getToken });
    connection.connect();
    await vi.waitFor(() => expect(connection.state.nextRetryAt).toBeDefined());
    connection.disconnect();
    expect(connection.state).toEqual({ status: 'idle', attempt: 0 });
    // The refused transport may still be closing under a loaded machine (one CI run saw two of
    // engine.io's timers a moment after): wait for it; a backoff timer left behind never lets
    // the count reach zero, and would open a second attempt below.
    await expectNothingLeftOnceClosed();
    vi.advanceTimersByTime(120_000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(getToken).toHaveBeenCalledTimes(1);
    expect(connection.state).toEqual({ status: 'idle', attempt: 0 });
  });

  it('drops an attempt whose token arrives afterwards, and its token timer', async () => {
    fakeTimers();
    let release: (token: string) => void = () => undefined;
    const connection = open({ getToken: () => new Promise((resolve) => (release = resolve)) });
    connection.connect();
    expect(connection.state.status).toBe('connecting');
    expect(vi.getTimerCount()).toBe(1);
    connection.disconnect();
    expectNothingLeft();
    vi.useRealTimers();
    release('late');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(server.tokens).toEqual([]);
    expect(connection.state.status).toBe('idle');
  });

  it('stops listening to the browser after an unauthorized stop', async () => {
    server.setVerdict(() => 'UNAUTHORIZED');
    const connection = open();
    connection.connect();
    await vi.waitFor(() => expect(connection.state.status).toBe('unauthorized'));
    expect(browser.window.listenerCount).toBe(0);
    expect(browser.document.listenerCount).toBe(0);
  });

  it('rejects pending requests and can connect again', async () => {
    const connection = open();
    const session = vi.fn();
    connection.onSession(session);
    connection.connect();
    await vi.waitFor(() => expect(connection.state.status).toBe('connected'));
    const pending = connection.request('message:history', { conversationId: 'c' });
    connection.disconnect();
    await expect(pending).rejects.toMatchObject({ code: 'TIMEOUT' });
    connection.connect();
    await vi.waitFor(() => expect(session).toHaveBeenCalledTimes(2));
  });

  it('skips the remaining session listeners when one disconnects', async () => {
    const connection = open();
    const second = vi.fn();
    connection.onSession(() => connection.disconnect());
    connection.onSession(second);
    connection.connect();
    await vi.waitFor(() => expect(server.tokens).toHaveLength(1));
    await vi.waitFor(() => expect(connection.state.status).toBe('idle'));
    expect(second).not.toHaveBeenCalled();
  });
});

describe('destroy()', () => {
  it('leaves nothing running and refuses further use', async () => {
    fakeTimers();
    const connection = open();
    const status = vi.fn();
    connection.onStatus(status);
    connection.on('message:new', vi.fn());
    connection.connect();
    await vi.waitFor(() => expect(connection.state.status).toBe('connected'));
    connection.destroy();
    await expectNothingLeftOnceClosed();
    expect(status).toHaveBeenLastCalledWith({ status: 'idle', attempt: 0 });
    const calls = status.mock.calls.length;
    expect(() => connection.connect()).toThrow(expect.objectContaining({ code: 'DESTROYED' }));
    await expect(connection.request('sync', { cursors: {} })).rejects.toMatchObject({
      code: 'DESTROYED',
    });
    connection.notify('typing:stop', { conversationId: 'c' });
    connection.disconnect();
    connection.destroy();
    expect(connection.onStatus(vi.fn())).toBeTypeOf('function');
    expect(status).toHaveBeenCalledTimes(calls);
  });

  it('leaves nothing while offline', () => {
    fakeTimers();
    browser.navigator.onLine = false;
    const connection = open();
    connection.connect();
    expect(connection.state.status).toBe('offline');
    connection.destroy();
    expectNothingLeft();
  });
});

describe('bad input', () => {
  it('rejects invalid options with clear errors', () => {
    const getToken = () => 't';
    const defaultTransport = socketIoTransport();
    expect(() => new Connection(undefined as unknown as ConnectionOptions)).toThrow(/options/);
    expect(() => new Connection({ url: '', getToken, defaultTransport })).toThrow(/url/);
    expect(
      () => new Connection({ url: 'http://x', getToken: 't' as never, defaultTransport }),
    ).toThrow(/getToken/);
    expect(
      () => new Connection({ url: 'http://x', getToken, requestTimeoutMs: 0, defaultTransport }),
    ).toThrow(/requestTimeoutMs/);
    expect(() => new Connection({ url: 'chat.example.com', getToken, defaultTransport })).toThrow(
      /http\(s\) or ws\(s\)/,
    );
    expect(
      () => new Connection({ url: 'https://exa mple.com', getToken, defaultTransport }),
    ).toThrow(/not a valid URL/);
    const socket = (socketOptions: unknown) =>
      new Connection({
        url: 'wss://x',
        getToken,
        defaultTransport,
        socketOptions: socketOptions as never,
      });
    expect(() => socket('fast')).toThrow(/socketOptions must be an object/);
    expect(() => socket({ path: 'socket.io' })).toThrow(/path must start with "\/"/);
    expect(() => socket({ query: 'a=1' })).toThrow(/socketOptions.query must be an object/);
    expect(() => socket({ auth: null })).toThrow(/socketOptions.auth must be an object/);
    expect(() => socket({ connectTimeoutMs: Number.NaN })).toThrow(/connectTimeoutMs/);
    expect(() => socket({ transport: {} })).toThrow(/socketOptions.transport must be a function/);
    expect(
      () => new Connection({ url: 'wss://x', getToken, defaultTransport: {} as never }),
    ).toThrow(/defaultTransport must be a function/);
  });

  it('says at connect() that the WebSocket-only transport needs a WebSocket where there is none', () => {
    vi.stubGlobal('WebSocket', undefined);
    const connection = open({ defaultTransport: webSocketTransport() });
    expect(() => connection.connect()).toThrow(/pass webSocketTransport\(\{ WebSocket \}\)/);
    expect(connection.state.status).toBe('idle');
  });

  it('rejects bad listeners, notifications and timeouts', async () => {
    const connection = open();
    expect(() => connection.onStatus(null as never)).toThrow(/listener/);
    expect(() => connection.on('message:new', undefined as never)).toThrow(/listener/);
    expect(() => connection.notify('message:send' as never, { conversationId: 'c' })).toThrow(
      /notify/,
    );
    const error = await connection
      .request('sync', { cursors: {} }, { timeoutMs: -1 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(isChatError(error)).toBe(false);
  });
});
