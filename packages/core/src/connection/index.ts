export { Connection } from './connection';
export {
  DEFAULT_REQUEST_TIMEOUT_MS,
  DEFAULT_TOKEN_TIMEOUT_MS,
  DEFAULT_TRANSPORTS,
} from './connection-options';
export type {
  ConnectionOptions,
  ConnectionSnapshot,
  ConnectionStatus,
  Logger,
  RequestOptions,
} from './types';
