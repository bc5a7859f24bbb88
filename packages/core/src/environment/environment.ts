// Browser hooks that degrade to no-ops where there is no browser (Node, SSR, workers without a
// document). Every global is looked up at call time, never at import time.

/** Removes a listener added by one of the `on*` helpers; calling it twice is harmless. */
export type Unsubscribe = () => void;

function windowTarget(): EventTarget | undefined {
  const candidate: unknown = (globalThis as { window?: unknown }).window;
  return isEventTarget(candidate) ? candidate : undefined;
}

function documentTarget(): (EventTarget & { visibilityState?: string }) | undefined {
  const candidate: unknown = (globalThis as { document?: unknown }).document;
  return isEventTarget(candidate)
    ? (candidate as EventTarget & { visibilityState?: string })
    : undefined;
}

function isEventTarget(value: unknown): value is EventTarget {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as EventTarget).addEventListener === 'function' &&
    typeof (value as EventTarget).removeEventListener === 'function'
  );
}

function listen(target: EventTarget | undefined, type: string, handler: () => void): Unsubscribe {
  if (!target) return () => undefined;
  target.addEventListener(type, handler);
  let active = true;
  return () => {
    if (!active) return;
    active = false;
    target.removeEventListener(type, handler);
  };
}

function checkCallback(callback: unknown, name: string): void {
  if (typeof callback !== 'function') throw new TypeError(`${name}: callback must be a function`);
}

/**
 * Whether the browser believes it has a network connection. `true` when unknown (Node, SSR):
 * only an explicit `navigator.onLine === false` counts as offline.
 */
export function isOnline(): boolean {
  const nav = (globalThis as { navigator?: { onLine?: unknown } }).navigator;
  return nav?.onLine !== false;
}

/** Whether the page is visible to the user. `true` when there is no document (Node, SSR). */
export function isVisible(): boolean {
  return documentTarget()?.visibilityState !== 'hidden';
}

/** Calls `callback` on the window's `online` event. Returns the unsubscribe; a no-op without a window. */
export function onOnline(callback: () => void): Unsubscribe {
  checkCallback(callback, 'onOnline');
  return listen(windowTarget(), 'online', () => callback());
}

/** Calls `callback` on the window's `offline` event. Returns the unsubscribe; a no-op without a window. */
export function onOffline(callback: () => void): Unsubscribe {
  checkCallback(callback, 'onOffline');
  return listen(windowTarget(), 'offline', () => callback());
}

/**
 * Calls `callback` each time the page becomes visible again (`visibilitychange` to `visible`).
 * Returns the unsubscribe; a no-op without a document.
 */
export function onVisible(callback: () => void): Unsubscribe {
  checkCallback(callback, 'onVisible');
  const doc = documentTarget();
  return listen(doc, 'visibilitychange', () => {
    if (doc?.visibilityState === 'visible') callback();
  });
}

/**
 * Calls `callback` when the page may be about to go: hidden (`visibilitychange` to `hidden`,
 * the last event a mobile browser reliably sends) or unloaded (`pagehide`, as on a reload).
 * Returns the unsubscribe; a no-op without a window and a document.
 */
export function onPageHide(callback: () => void): Unsubscribe {
  checkCallback(callback, 'onPageHide');
  const doc = documentTarget();
  const offHidden = listen(doc, 'visibilitychange', () => {
    if (doc?.visibilityState === 'hidden') callback();
  });
  const offHide = listen(windowTarget(), 'pagehide', () => callback());
  return () => {
    offHidden();
    offHide();
  };
}
