/// <reference types="node" />
// Test helper (not exported from the package): a real socket.io server on 127.0.0.1 with a
// scriptable handshake, for the Connection tests.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HandshakeErrorCode } from '@causette/protocol';
import { Server, type ServerOptions, type Socket as ServerSocket } from 'socket.io';
import { vi } from 'vitest';
import type { Connection } from './connection';
import type { ConnectionStatus } from './types';

/** Decides a handshake from its token: `undefined` accepts it. */
export type HandshakeVerdict = (token: string) => HandshakeErrorCode | undefined;

/** A running test server. */
export interface TestServer {
  url: string;
  io: Server;
  /** Tokens of every handshake received, in order. */
  tokens: string[];
  /** Replaces the handshake rule (default: accept everything). */
  setVerdict(verdict: HandshakeVerdict): void;
  /** Sockets currently connected. */
  connected(): ServerSocket[];
  close(): Promise<void>;
}

/** Starts a socket.io server on a random port; `setup` registers handlers on every connection. */
export async function startTestServer(
  setup: (socket: ServerSocket) => void = () => undefined,
  options: Partial<ServerOptions> = {},
): Promise<TestServer> {
  const http = createServer();
  const io = new Server(http, options);
  const tokens: string[] = [];
  let verdict: HandshakeVerdict = () => undefined;
  io.use((socket, next) => {
    const token = String((socket.handshake.auth as { token?: unknown }).token ?? '');
    tokens.push(token);
    const code = verdict(token);
    if (!code) return next();
    next(Object.assign(new Error(code), { data: { code, message: `refused: ${code}` } }));
  });
  io.on('connection', setup);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    io,
    tokens,
    setVerdict(next) {
      verdict = next;
    },
    connected: () => [...io.sockets.sockets.values()],
    close: () => new Promise<void>((resolve) => void io.close(() => resolve())),
  };
}

/** Resolves once `connection` reaches `status` (polling every 5 ms, real timers). */
export function waitForStatus(
  connection: Connection,
  status: ConnectionStatus,
  timeoutMs = 3000,
): Promise<void> {
  return vi.waitFor(
    () => {
      if (connection.state.status !== status) {
        throw new Error(`status is ${connection.state.status}, waiting for ${status}`);
      }
    },
    { timeout: timeoutMs, interval: 5 },
  );
}
