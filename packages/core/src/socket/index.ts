export type {
  ChatSocket,
  SocketConnectError,
  SocketHandlers,
  SocketOpenParams,
  SocketOptions,
  SocketTransport,
} from './types';
