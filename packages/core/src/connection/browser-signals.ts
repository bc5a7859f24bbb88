import { isOnline, onOffline, onOnline, onVisible } from '../environment';

/** What the connection does when the browser's view of the network or the page changes. */
export interface BrowserSignalHandlers {
  /** The network is back, or the tab became visible while online: worth retrying now. */
  retryNow: () => void;
  /** The browser says the network is gone. */
  offline: () => void;
}

/** Listens to `online`, `offline` and `visibilitychange`; returns the function that stops it. */
export function watchBrowserSignals(handlers: BrowserSignalHandlers): () => void {
  const offs = [
    onOnline(handlers.retryNow),
    onVisible(() => {
      if (isOnline()) handlers.retryNow();
    }),
    onOffline(handlers.offline),
  ];
  return () => offs.forEach((off) => off());
}
