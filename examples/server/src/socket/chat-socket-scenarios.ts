// Test helper: a ChatSocket of @causette/core (the transport under test) behind the socket.io-client
// surface the shared protocol scenarios drive, so the scenarios check that transport's framing,
// acks and events against this server too.
import type { ChatSocket, SocketTransport } from '@causette/core';
import type { ScenarioSocket } from '@causette/testing/scenarios';

type Listener = (...args: unknown[]) => void;

/** Opens a socket with `transport` and resolves once the handshake is accepted. */
export function connectThrough(
  transport: SocketTransport,
  url: string,
  token: string,
  ackTimeoutMs: number,
): Promise<ScenarioSocket> {
  const listeners = new Map<string, Set<Listener>>();
  const dispatch = (event: string, payload: unknown) => {
    for (const listener of [...(listeners.get(event) ?? [])]) listener(payload);
  };
  return new Promise((resolve, reject) => {
    // Handlers run once the transport answers, after `adapter` exists.
    const socket: ChatSocket = transport({
      url,
      auth: { token },
      connectTimeoutMs: ackTimeoutMs,
      handlers: {
        connect: () => resolve(adapter),
        connectError: (error) => reject(new Error(error.message)),
        disconnect: (reason) => dispatch('disconnect', reason),
        event: dispatch,
      },
    });
    const adapter: ScenarioSocket = {
      get connected() {
        return socket.connected ?? false;
      },
      emit(event, ...args) {
        const last = args.at(-1);
        if (typeof last === 'function') {
          // An ack callback: a request whose answer the caller may ignore.
          socket.request(event, args[0], ackTimeoutMs).then(last as Listener, () => undefined);
        } else {
          socket.notify(event, args[0]);
        }
        return adapter;
      },
      on(event, listener) {
        const set = listeners.get(event) ?? new Set<Listener>();
        set.add(listener);
        listeners.set(event, set);
        return adapter;
      },
      off(event, listener) {
        listeners.get(event)?.delete(listener);
        return adapter;
      },
      timeout(ms) {
        return {
          emitWithAck: (event, ...args) => {
            return socket.request(event, args[0], ms);
          },
        };
      },
      disconnect() {
        socket.close();
        return adapter;
      },
    };
  });
}
