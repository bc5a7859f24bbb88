// `@causette/core/socket.io`: the socket.io-client transport, for an HTTP long-polling fallback.
export { socketIoTransport } from './socket-io-transport';
export type { SocketIoOptions } from './socket-io-transport';
