// `@causette/core/websocket`: the same client on a WebSocket-only transport of its own, without
// socket.io-client (about 11 KB less) and without the HTTP long-polling fallback.
import { ChatClientBase } from '../client/chat-client';
import type { ChatClient, ChatClientOptions } from '../client/types';
import { webSocketTransport } from './websocket-socket';

/**
 * A {@link ChatClient} on one WebSocket speaking socket.io's framing. Users behind a proxy that
 * blocks WebSockets cannot connect: prefer the default entry's client when they matter. On Node 20
 * (no global WebSocket), pass `socketOptions: { transport: webSocketTransport({ WebSocket }) }`
 * with the `ws` package's constructor.
 */
export class WebSocketChatClient extends ChatClientBase {
  constructor(options: ChatClientOptions) {
    super(options, () => webSocketTransport());
  }
}

/** Creates a chat client on the WebSocket-only transport; call `connect()` to go online. */
export function createChatClient(options: ChatClientOptions): ChatClient {
  return new WebSocketChatClient(options);
}

export { webSocketTransport } from './websocket-socket';
export type { WebSocketConstructor, WebSocketLike, WebSocketTransportOptions } from './types';
export * from '../shared-exports';
