import { socketIoTransport } from '../socket-io/socket-io-transport';
import { ChatClientBase } from './chat-client';
import type { ChatClient, ChatClientOptions } from './types';

/**
 * The default {@link ChatClient}, on socket.io-client: WebSocket first, HTTP long-polling when a
 * network blocks WebSockets; in browsers and in Node (20 included, no flag needed).
 */
export class DefaultChatClient extends ChatClientBase {
  constructor(options: ChatClientOptions) {
    super(options, () => socketIoTransport());
  }
}

/** Creates a chat client; call `connect()` to go online. Nothing runs before that. */
export function createChatClient(options: ChatClientOptions): ChatClient {
  return new DefaultChatClient(options);
}
