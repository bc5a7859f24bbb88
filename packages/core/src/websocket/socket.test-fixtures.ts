// Shared by the WebSocketChatSocket tests: handler logs and clean-up of sockets and servers.
import { vi } from 'vitest';
import type { TestServer } from '../connection/test-server';
import type { ChatSocket } from '../socket/types';

export const sockets: ChatSocket[] = [];
export const servers: TestServer[] = [];

/** Handlers that log every call, in order, to one list: `expect(log)` also says nothing else ran. */
export function makeHandlers() {
  const log: unknown[][] = [];
  return {
    log,
    connect: () => void log.push(['connect']),
    connectError: (error: unknown) => void log.push(['connectError', error]),
    disconnect: (reason: string) => void log.push(['disconnect', reason]),
    event: (name: string, payload: unknown) => void log.push(['event', name, payload]),
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** vi.waitFor with room for a loaded machine (real timers only). */
export const until = (check: () => void) => vi.waitFor(check, { timeout: 5000, interval: 5 });

/** For afterEach: closes every socket and server, restores timers and globals. */
export async function cleanUp(): Promise<void> {
  for (const socket of sockets.splice(0)) socket.close();
  await Promise.all(servers.splice(0).map((server) => server.close()));
  vi.useRealTimers();
  vi.unstubAllGlobals();
}
