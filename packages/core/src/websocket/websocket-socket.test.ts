import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanUp, makeHandlers, sockets } from './socket.test-fixtures';
import type { SocketOpenParams } from '../socket/types';
import type { WebSocketLike } from './types';
import { WebSocketChatSocket, webSocketTransport, webSocketUrl } from './websocket-socket';

afterEach(cleanUp);

describe('webSocketUrl', () => {
  it('maps http(s) to ws(s), keeps ws(s), and replaces the path with the engine.io one', () => {
    const tail = '?EIO=4&transport=websocket';
    expect(webSocketUrl({ url: 'http://h:3000/app/ns' })).toBe(`ws://h:3000/socket.io/${tail}`);
    expect(webSocketUrl({ url: 'https://h', path: '/chat//' })).toBe(`wss://h/chat/${tail}`);
    expect(webSocketUrl({ url: 'ws://h/x', path: '/io' })).toBe(`ws://h/io/${tail}`);
    expect(webSocketUrl({ url: 'wss://h' })).toBe(`wss://h/socket.io/${tail}`);
  });

  it("merges the query into the URL's own, the engine.io parameters winning", () => {
    const query = { b: '3', c: 'é &', EIO: '3' };
    expect(webSocketUrl({ url: 'http://h/?a=1&b=2', query })).toBe(
      'ws://h/socket.io/?a=1&b=3&c=%C3%A9+%26&EIO=4&transport=websocket',
    );
  });

  it('refuses other protocols', () => {
    expect(() => webSocketUrl({ url: 'ftp://h' })).toThrow(TypeError);
  });
});

/** A scripted WebSocket: the test plays the server. */
class FakeWebSocket implements WebSocketLike {
  static last: FakeWebSocket | undefined;
  readyState = 0;
  binaryType = 'blob';
  readonly sent: string[] = [];
  closeCalls = 0;
  readonly #listeners: Record<string, Array<(event: { data: unknown }) => void>> = {};

  constructor(readonly url: string) {
    FakeWebSocket.last = this;
  }
  send(data: string): void {
    // Like a browser: sending while CONNECTING throws; on a closed socket it is silently lost.
    if (this.readyState === 0) throw new Error('InvalidStateError');
    this.sent.push(data);
  }
  close(): void {
    this.closeCalls += 1;
    this.readyState = 3;
  }
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close' | 'error', listener: () => void): void;
  addEventListener(type: string, listener: (event: { data: unknown }) => void): void {
    (this.#listeners[type] ??= []).push(listener);
  }
  open(): void {
    this.readyState = 1;
  }
  receive(...frames: unknown[]): void {
    for (const data of frames)
      for (const listener of this.#listeners.message ?? []) listener({ data });
  }
  fire(type: 'close' | 'error'): void {
    this.readyState = 3;
    for (const listener of this.#listeners[type] ?? []) listener({ data: undefined });
  }
}

// Heartbeat deadline 1500 ms; payload limit 1000 bytes.
const HANDSHAKE =
  '0{"sid":"e1","upgrades":[],"pingInterval":1000,"pingTimeout":500,"maxPayload":1000}';

function fake(params: Partial<SocketOpenParams> = {}) {
  const handlers = makeHandlers();
  const socket = new WebSocketChatSocket(
    { url: 'http://chat.test', auth: { token: 't' }, connectTimeoutMs: 5000, handlers, ...params },
    FakeWebSocket,
  );
  sockets.push(socket);
  return { socket, log: handlers.log, ws: FakeWebSocket.last! };
}

/** A fake socket past the handshake (`open` also delivers the connect). */
function fakeOpened(params: Partial<SocketOpenParams> = {}, connect = true) {
  const opened = fake(params);
  opened.ws.open();
  opened.ws.receive(HANDSHAKE);
  if (connect) opened.ws.receive('40{"sid":"s1"}');
  return opened;
}

describe('WebSocketChatSocket with a scripted WebSocket', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  it('opens the engine.io endpoint, answers the handshake with auth, then connects once', () => {
    const { socket, log, ws } = fake({ auth: { token: 't', device: 'd' }, path: '/io' });
    expect(ws.url).toBe('ws://chat.test/io/?EIO=4&transport=websocket');
    expect(ws.binaryType).toBe('arraybuffer');
    ws.open();
    ws.receive(HANDSHAKE);
    expect(ws.sent).toEqual(['40{"token":"t","device":"d"}']);
    expect(socket.connected).toBe(false);
    expect(log).toEqual([]);
    ws.receive('40{"sid":"s1"}', '40{"sid":"s1"}');
    expect(log).toEqual([['connect']]);
    expect(socket.connected).toBe(true);
  });

  it('answers every ping with a pong, before and after connect', () => {
    const { ws } = fakeOpened({}, false);
    ws.receive('2', '40{"sid":"s1"}', '2');
    expect(ws.sent.slice(1)).toEqual(['3', '3']);
  });

  it('drops with ping timeout after pingInterval + pingTimeout without a frame', () => {
    // Connected before connectTimeoutMs: its timer, due at 2000 ms, must not fire.
    const { socket, log, ws } = fakeOpened({ connectTimeoutMs: 2000 });
    vi.advanceTimersByTime(1499);
    ws.receive('6'); // any frame pushes the deadline back
    vi.advanceTimersByTime(1499);
    expect(socket.connected).toBe(true);
    vi.advanceTimersByTime(1);
    expect(log).toEqual([['connect'], ['disconnect', 'ping timeout']]);
    expect(socket.connected).toBe(false);
    expect(ws.closeCalls).toBe(1);
  });

  it('reports a lapsed heartbeat through `connected` even if its timer has not fired', async () => {
    const { socket, log } = fakeOpened();
    vi.setSystemTime(Date.now() + 1500);
    expect(socket.connected).toBe(true);
    vi.setSystemTime(Date.now() + 1);
    expect(socket.connected).toBe(false);
    await expect(socket.request('a', 1, 1000)).rejects.toMatchObject({ code: 'OFFLINE' });
    vi.advanceTimersByTime(10_000);
    expect(log).toEqual([['connect'], ['disconnect', 'ping timeout']]);
  });

  it('fails with timeout when no connect comes within connectTimeoutMs', () => {
    const { log, ws } = fake({ connectTimeoutMs: 2000 });
    ws.open();
    vi.advanceTimersByTime(1999);
    expect(log).toEqual([]);
    vi.advanceTimersByTime(1);
    ws.fire('close');
    expect(log).toEqual([['connectError', { message: 'timeout' }]]);
    expect(ws.closeCalls).toBe(1);
  });

  it.each([
    ['an engine close frame', '1', 'transport close'],
    ['a WebSocket close', 'close', 'transport close'],
    ['a WebSocket error', 'error', 'transport error'],
    ['a malformed packet', '4garbage', 'parse error'],
    ['an event that is no array', '42{"a":1}', 'parse error'],
    ['a binary event', '451-["up",{"_placeholder":true,"num":0}]', 'parse error'],
    ['an empty packet', '4', 'parse error'],
  ])('drops on %s and fails pending requests', async (_what, trigger, reason) => {
    const { socket, log, ws } = fakeOpened();
    const pending = socket.request('a', 1, 10_000).catch((error: unknown) => error);
    if (trigger === 'close' || trigger === 'error') ws.fire(trigger);
    else ws.receive(trigger);
    expect(log).toEqual([['connect'], ['disconnect', reason]]);
    expect(ws.closeCalls).toBe(1);
    await expect(pending).resolves.toMatchObject({ code: 'TIMEOUT' });
  });

  it.each([
    ['a bad handshake', ['open', '0not json'], 'parse error'],
    ['no heartbeat', ['open', '0{"pingInterval":0,"pingTimeout":1}'], 'parse error'],
    ['a heartbeat lapse', ['open', HANDSHAKE], 'ping timeout'],
    ['a WebSocket error before open, then close', ['error', 'close'], 'transport error'],
    ['a WebSocket close', ['open', 'close'], 'transport close'],
  ])('fails the attempt once on %s', (_what, script, message) => {
    const { log, ws } = fake();
    for (const step of script) {
      if (step === 'open') ws.open();
      else if (step === 'close' || step === 'error') ws.fire(step);
      else ws.receive(step);
    }
    vi.advanceTimersByTime(60_000);
    expect(log).toEqual([['connectError', { message }]]);
    expect(ws.closeCalls).toBe(1);
    expect(ws.sent).toEqual(script.includes(HANDSHAKE) ? ['40{"token":"t"}'] : []);
  });

  it('ignores noops, pongs, unknown engine frames and binary frames', () => {
    const { socket, log, ws } = fakeOpened();
    const encoder = new TextEncoder();
    ws.receive('6', '3', '5', '', encoder.encode('42["x",1]').buffer, encoder.encode('2'));
    expect(ws.sent).toHaveLength(1);
    expect(socket.connected).toBe(true);
    expect(log).toEqual([['connect']]);
  });

  it('reports a refusal with its message and data, if any', () => {
    const refused = fakeOpened({}, false);
    refused.ws.receive('44{"message":"nope","data":{"code":"TOKEN_INVALID"}}');
    const error = { message: 'nope', data: { code: 'TOKEN_INVALID' } };
    expect(refused.log).toEqual([['connectError', error]]);
    expect(refused.ws.closeCalls).toBe(1);
    const bare = fakeOpened({}, false);
    bare.ws.receive('44{}');
    expect(bare.log).toStrictEqual([['connectError', { message: 'connection refused' }]]);
  });

  it('delivers server events and settles each request by its ack id', async () => {
    const { socket, log, ws } = fakeOpened();
    ws.receive('42["message:new",{"id":"m1"},"extra"]', '425["ask",1]');
    expect(log.slice(1)).toEqual([
      ['event', 'message:new', { id: 'm1' }],
      ['event', 'ask', 1],
    ]);
    const a = socket.request('a', 1, 1000);
    const b = socket.request('b', { x: 2 }, 1000);
    expect(ws.sent.slice(-2)).toEqual(['420["a",1]', '421["b",{"x":2}]']);
    ws.receive('439["stray"]', '431["B","more"]', '430[]');
    await expect(b).resolves.toBe('B');
    await expect(a).resolves.toBeUndefined();
  });

  it('rejects TIMEOUT when no ack comes in time, and ignores the late ack', async () => {
    const { socket, log, ws } = fakeOpened();
    const settled = socket.request('a', 1, 500).catch((error: unknown) => error);
    vi.advanceTimersByTime(499);
    ws.receive('2');
    vi.advanceTimersByTime(1);
    await expect(settled).resolves.toMatchObject({ code: 'TIMEOUT' });
    ws.receive('430["late"]');
    expect(socket.connected).toBe(true);
    expect(log).toEqual([['connect']]);
  });

  it("refuses what exceeds the server's maxPayload in UTF-8 bytes, and stays connected", async () => {
    const { socket, log, ws } = fakeOpened();
    // `42["e","` + body + `"]` is 10 bytes of framing.
    expect(socket.notify('e', 'x'.repeat(990))).toBe(true);
    expect(socket.notify('e', 'x'.repeat(991))).toBe(false);
    expect(socket.notify('e', 'é'.repeat(495))).toBe(true);
    expect(socket.notify('e', 'é'.repeat(496))).toBe(false);
    const big = socket.request('e', 'x'.repeat(2000), 1000);
    await expect(big).rejects.toMatchObject({ code: 'TOO_LARGE' });
    expect(ws.sent.slice(1).map((frame) => frame.length)).toEqual([1000, 505]);
    expect(socket.connected).toBe(true);
    expect(log).toEqual([['connect']]);
  });

  it('close() sends a disconnect, closes the WebSocket once, and silences everything', async () => {
    const { socket, log, ws } = fakeOpened();
    const pending = socket.request('a', 1, 1000).catch((error: unknown) => error);
    socket.close();
    expect(ws.sent.at(-1)).toBe('41');
    await expect(pending).resolves.toMatchObject({ code: 'TIMEOUT', cause: { code: 'OFFLINE' } });
    const sent = ws.sent.length;
    socket.close();
    ws.receive('42["x",1]', '2', '1');
    ws.fire('error');
    ws.fire('close');
    vi.advanceTimersByTime(60_000);
    expect(ws.sent).toHaveLength(sent);
    expect(ws.closeCalls).toBe(1);
    expect(socket.connected).toBe(false);
    expect(socket.notify('a', 1)).toBe(false);
    await expect(socket.request('a', 1, 1000)).rejects.toMatchObject({ code: 'OFFLINE' });
    expect(log).toEqual([['connect']]);
  });

  it('close() sends no disconnect before connect, nor on a WebSocket no longer open', () => {
    const early = fakeOpened({}, false);
    early.socket.close();
    early.ws.receive('40{"sid":"s1"}');
    vi.advanceTimersByTime(60_000);
    expect(early.ws.sent).toEqual(['40{"token":"t"}']);
    expect(early.ws.closeCalls).toBe(1);
    expect(early.log).toEqual([]);
    const closing = fakeOpened();
    closing.ws.readyState = 2; // CLOSING, its close event still to come
    closing.socket.close();
    expect(closing.ws.sent).toEqual(['40{"token":"t"}']);
    expect(closing.log).toEqual([['connect']]);
  });
});

describe('webSocketTransport', () => {
  const params = {
    url: 'http://chat.test',
    auth: {},
    connectTimeoutMs: 1,
    handlers: makeHandlers(),
  };

  it('needs a WebSocket: the given one, else the global one at each attempt', () => {
    vi.stubGlobal('WebSocket', undefined);
    const transport = webSocketTransport();
    expect(() => transport(params)).toThrow(TypeError);
    expect(() => transport(params)).toThrow(/webSocketTransport\(\{ WebSocket \}\)/);
    expect(() => transport.preflight?.()).toThrow(TypeError);
    vi.stubGlobal('WebSocket', FakeWebSocket);
    FakeWebSocket.last = undefined;
    sockets.push(transport(params));
    expect(FakeWebSocket.last).toBeDefined();
    vi.stubGlobal('WebSocket', undefined);
    FakeWebSocket.last = undefined;
    const given = webSocketTransport({ WebSocket: FakeWebSocket });
    expect(() => given.preflight?.()).not.toThrow();
    sockets.push(given(params));
    expect(FakeWebSocket.last).toBeDefined();
  });

  it('rejects options that are not usable', () => {
    expect(() => webSocketTransport(null as never)).toThrow(/options must be an object/);
    expect(() => webSocketTransport({ WebSocket: 'ws' as never })).toThrow(/must be a constructor/);
  });
});
