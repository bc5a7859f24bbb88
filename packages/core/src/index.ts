// The public surface of @causette/core. Everything else is internal and may change.

// The client, on socket.io-client (for a smaller bundle without the long-polling fallback,
// `createChatClient` from `@causette/core/websocket`)
export { DefaultChatClient, createChatClient } from './client/default-chat-client';
export { socketIoTransport } from './socket-io/socket-io-transport';
export type { SocketIoOptions } from './socket-io/socket-io-transport';
export * from './shared-exports';
