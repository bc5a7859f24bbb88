export { chunk } from './chunk';
export { PresenceWatchList } from './watch-list';
export type { PresenceWatchListOptions } from './watch-list';
