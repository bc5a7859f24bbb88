export { isOnline, isVisible, onOffline, onOnline, onVisible } from './environment';
export type { Unsubscribe } from './environment';
