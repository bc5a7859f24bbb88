export { webSocketTransport } from './websocket-socket';
export type {
  ChatSocket,
  SocketConnectError,
  SocketHandlers,
  SocketOpenParams,
  SocketOptions,
  SocketTransport,
  WebSocketConstructor,
  WebSocketLike,
} from './types';
