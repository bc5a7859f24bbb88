// Real socket.io clients against a mock server, for this package's tests.
import type { ClientToServerEvents, ServerToClientEvents } from '@causette/protocol';
import { type ManagerOptions, type Socket, type SocketOptions, io } from 'socket.io-client';
import type { MockChatServer } from './types';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const opened: TestSocket[] = [];

/** A client of `userId` (or with `token`), resolved once connected, rejected with connect_error. */
export async function connect(
  server: MockChatServer,
  userId: string,
  options: Partial<ManagerOptions & SocketOptions> & { token?: string } = {},
): Promise<TestSocket> {
  const { token = server.tokenFor(userId), ...rest } = options;
  const socket: TestSocket = io(server.url, {
    auth: { token },
    reconnection: false,
    forceNew: true,
    ...server.clientOptions(),
    ...rest,
  });
  opened.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  return socket;
}

/** Disconnects every client opened by {@link connect}. */
export function disconnectAll(): void {
  for (const socket of opened.splice(0)) socket.disconnect();
}

/** The next payload of `event`, rejected after `timeoutMs`. */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: TestSocket,
  event: E,
  timeoutMs = 2000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  const promise = new Promise<Parameters<ServerToClientEvents[E]>[0]>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ${event} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    (socket as unknown as { once(e: string, l: (p: unknown) => void): void }).once(event, (p) => {
      clearTimeout(timer);
      resolve(p as Parameters<ServerToClientEvents[E]>[0]);
    });
  });
  promise.catch(() => undefined);
  return promise;
}

/** Every payload of `event` from now on. */
export function collect<E extends keyof ServerToClientEvents>(
  socket: TestSocket,
  event: E,
): Parameters<ServerToClientEvents[E]>[0][] {
  const seen: Parameters<ServerToClientEvents[E]>[0][] = [];
  (socket as unknown as { on(e: string, l: (p: unknown) => void): void }).on(event, (p) =>
    seen.push(p as Parameters<ServerToClientEvents[E]>[0]),
  );
  return seen;
}

// Test-only: acks of arbitrary events have no static type worth spelling out.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyAck = any;

/** Sends any event (unknown ones too) and resolves with its ack. */
export function request(socket: TestSocket, event: string, ...args: unknown[]): Promise<AnyAck> {
  return requestWithin(2000, socket, event, ...args);
}

/** {@link request} with its own ack timeout, for acks a test expects to be lost. */
export function requestWithin(
  ms: number,
  socket: TestSocket,
  event: string,
  ...args: unknown[]
): Promise<AnyAck> {
  return (
    socket as unknown as {
      timeout(ms: number): { emitWithAck(e: string, ...a: unknown[]): Promise<unknown> };
    }
  )
    .timeout(ms)
    .emitWithAck(event, ...args);
}

export const tick = (ms = 20) => new Promise((resolve) => setTimeout(resolve, ms));
