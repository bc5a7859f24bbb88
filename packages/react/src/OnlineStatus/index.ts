export { OnlineStatus } from './OnlineStatus';
export type { OnlineStatusProps } from './OnlineStatus';
