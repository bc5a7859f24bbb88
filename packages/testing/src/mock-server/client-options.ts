// The socket.io-client options that route a client through msw's WebSocket interception.
import {
  type ManagerOptions,
  type SocketOptions,
  WebSocket as WebSocketTransport,
} from 'socket.io-client';

/**
 * engine.io-client's WebSocket transport reads `globalThis.WebSocket` once, when it is imported,
 * usually before msw patches it; in Node it would even pick the `ws` package, which msw does not
 * intercept. This transport looks the constructor up on every connection instead.
 */
export class InterceptableWebSocketTransport extends WebSocketTransport {
  override createSocket(uri: string, protocols: string | string[] | undefined): WebSocket {
    const Ctor = (globalThis as { WebSocket?: typeof WebSocket }).WebSocket;
    if (!Ctor)
      throw new Error(
        '@causette/testing: globalThis.WebSocket is missing. Use Node >= 22, or run Node 20 with --experimental-websocket.',
      );
    return protocols ? new Ctor(uri, protocols) : new Ctor(uri);
  }
}

/** Options a socket.io client needs to reach a mock server. */
export type MockClientOptions = Pick<Partial<ManagerOptions & SocketOptions>, 'transports'>;

/** `{ transports: [InterceptableWebSocketTransport] }`: WebSocket only, no long-polling. */
export function mockClientOptions(): MockClientOptions {
  return { transports: [InterceptableWebSocketTransport] };
}
