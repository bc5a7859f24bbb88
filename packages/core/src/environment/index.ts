export { isOnline, isVisible, onOffline, onOnline, onPageHide, onVisible } from './environment';
export type { Unsubscribe } from './environment';
