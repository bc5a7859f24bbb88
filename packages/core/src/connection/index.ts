export { Connection } from './connection';
export {
  DEFAULT_REQUEST_TIMEOUT_MS,
  DEFAULT_TOKEN_TIMEOUT_MS,
  DEFAULT_CONNECT_TIMEOUT_MS,
} from './connection-options';
export type {
  ConnectionOptions,
  ConnectionSnapshot,
  ConnectionStatus,
  Logger,
  RequestOptions,
} from './types';
