import type { Socket as ServerSocket } from 'socket.io';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer } from '../connection/test-server';
import { cleanUp, makeHandlers, servers, sleep, sockets, until } from './socket.test-fixtures';
import type { SocketOpenParams } from '../socket/types';
import { webSocketTransport } from './websocket-socket';

afterEach(cleanUp);

describe('WebSocketChatSocket against a socket.io server', () => {
  let seen: { notes: unknown[][]; hung: Array<(value: unknown) => void>; reasons: string[] };

  beforeEach(() => {
    seen = { notes: [], hung: [], reasons: [] };
  });

  function setup(socket: ServerSocket): void {
    socket.on('echo', (payload: unknown, ack: (...args: unknown[]) => void) =>
      ack({ echoed: payload }, 'second'),
    );
    socket.on('hang', (_payload: unknown, ack: (value: unknown) => void) => seen.hung.push(ack));
    socket.on('note', (...args: unknown[]) => seen.notes.push(args));
    socket.on('disconnect', (reason: string) => seen.reasons.push(reason));
  }

  async function start(options: Parameters<typeof startTestServer>[1] = {}) {
    const server = await startTestServer(setup, options);
    servers.push(server);
    return server;
  }

  function open(url: string, params: Partial<SocketOpenParams> = {}) {
    const handlers = makeHandlers();
    const base = { url, auth: { token: 't' }, connectTimeoutMs: 5000, handlers };
    const socket = webSocketTransport()({ ...base, ...params });
    sockets.push(socket);
    return { socket, log: handlers.log };
  }

  async function openConnected(url: string, params: Partial<SocketOpenParams> = {}) {
    const opened = open(url, params);
    await until(() => expect(opened.log).toEqual([['connect']]));
    return opened;
  }

  it('connects with the auth, query and path the server sees', async () => {
    const server = await start({ path: '/chat-io' });
    const { socket } = await openConnected(`${server.url}/some/ns`, {
      path: '/chat-io/',
      query: { app: 'web' },
      auth: { token: 'tok', device: 'd1' },
    });
    expect(socket.connected).toBe(true);
    const [remote] = server.connected();
    expect(server.tokens).toEqual(['tok']);
    expect(remote?.nsp.name).toBe('/');
    expect(remote?.handshake.auth).toEqual({ token: 'tok', device: 'd1' });
    expect(remote?.handshake.query).toMatchObject({ app: 'web', transport: 'websocket' });
  });

  it('requests, times out, ignores a late ack, receives events and notifies', async () => {
    const server = await start();
    const { socket, log } = await openConnected(server.url);
    await expect(socket.request('hang', {}, 30)).rejects.toMatchObject({ code: 'TIMEOUT' });
    await until(() => expect(seen.hung).toHaveLength(1));
    seen.hung[0]!('late');
    await expect(socket.request('echo', { a: 1 }, 2000)).resolves.toEqual({ echoed: { a: 1 } });
    server.connected()[0]!.emit('message:new', { id: 'm1' });
    await until(() => expect(log).toHaveLength(2));
    expect(log[1]).toEqual(['event', 'message:new', { id: 'm1' }]);
    expect(socket.notify('note', { x: 1 })).toBe(true);
    await until(() => expect(seen.notes).toHaveLength(1));
    expect(seen.notes[0]).toEqual([{ x: 1 }]); // no ack callback: no id was sent
  });

  it('reports a refused handshake and never connects', async () => {
    const server = await start();
    server.setVerdict(() => 'TOKEN_EXPIRED');
    const { socket, log } = open(server.url);
    await until(() => expect(log).toHaveLength(1));
    const data = { code: 'TOKEN_EXPIRED', message: 'refused: TOKEN_EXPIRED' };
    expect(log).toEqual([['connectError', { message: 'TOKEN_EXPIRED', data }]]);
    expect(socket.connected).toBe(false);
  });

  it('reports a server disconnect and fails pending requests with TIMEOUT', async () => {
    const server = await start();
    const { socket, log } = await openConnected(server.url);
    const pending = socket.request('hang', {}, 10_000).catch((error: unknown) => error);
    await until(() => expect(seen.hung).toHaveLength(1));
    server.connected()[0]!.disconnect();
    await expect(pending).resolves.toMatchObject({ code: 'TIMEOUT' });
    expect(log).toEqual([['connect'], ['disconnect', 'io server disconnect']]);
    expect(socket.connected).toBe(false);
  });

  it('refuses requests before connect; close() fails pending ones and reports nothing', async () => {
    const server = await start();
    const { socket, log } = open(server.url);
    await expect(socket.request('echo', 1, 1000)).rejects.toMatchObject({ code: 'OFFLINE' });
    await until(() => expect(log).toEqual([['connect']]));
    const remote = server.connected()[0]!;
    const transportClosed = new Promise((resolve) => remote.conn.once('close', resolve));
    const pending = socket.request('hang', {}, 10_000).catch((error: unknown) => error);
    await until(() => expect(seen.hung).toHaveLength(1));
    socket.close();
    await expect(pending).resolves.toMatchObject({ code: 'TIMEOUT' });
    await expect(socket.request('echo', 1, 1000)).rejects.toMatchObject({ code: 'OFFLINE' });
    expect(socket.notify('note', 1)).toBe(false);
    await until(() => expect(seen.reasons).toEqual(['client namespace disconnect']));
    await transportClosed;
    await sleep(20); // room for a late close/error event on the client side
    expect(log).toEqual([['connect']]);
  });

  it("refuses a payload over the server's maxHttpBufferSize and stays connected", async () => {
    const server = await start({ maxHttpBufferSize: 1000 });
    const { socket, log } = await openConnected(server.url);
    let refusal: unknown;
    socket.request('echo', 'x'.repeat(2000), 2000).catch((error: unknown) => (refusal = error));
    await Promise.resolve();
    expect(refusal).toMatchObject({ code: 'TOO_LARGE' }); // at once, nothing sent
    const near = 'x'.repeat(950);
    await expect(socket.request('echo', near, 2000)).resolves.toEqual({ echoed: near });
    expect(socket.connected).toBe(true);
    expect(log).toEqual([['connect']]);
    expect(server.connected()).toHaveLength(1);
  });

  it('reports an unreachable server as a connect error', async () => {
    const gone = await startTestServer();
    await gone.close();
    const { log } = open(gone.url);
    await until(() => expect(log).toHaveLength(1));
    await sleep(20);
    expect(log).toEqual([['connectError', { message: 'transport error' }]]);
  });
});
