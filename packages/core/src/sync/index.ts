export { Synchronizer } from './synchronizer';
export type { RequestFn, SynchronizerOptions } from './synchronizer';
