// Test helper (not exported from the package): a minimal window/document/navigator built on
// EventTarget, installed on globalThis, that counts live listeners so leak checks can assert zero.
import { vi } from 'vitest';

/** An EventTarget that knows how many listeners are attached. */
export class CountingTarget extends EventTarget {
  private live = 0;

  override addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: AddEventListenerOptions | boolean,
  ): void {
    if (listener) this.live += 1;
    super.addEventListener(type, listener, options);
  }

  override removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: EventListenerOptions | boolean,
  ): void {
    if (listener) this.live -= 1;
    super.removeEventListener(type, listener, options);
  }

  /** Listeners added and not removed (assumes each was added once). */
  get listenerCount(): number {
    return this.live;
  }
}

/** Handles on the fake globals. */
export interface FakeBrowser {
  window: CountingTarget;
  document: CountingTarget & { visibilityState: 'visible' | 'hidden' };
  navigator: { onLine: boolean };
  goOffline(): void;
  goOnline(): void;
  hide(): void;
  show(): void;
}

/** Installs the fakes with `vi.stubGlobal`; undo with `vi.unstubAllGlobals()`. */
export function installFakeBrowser(): FakeBrowser {
  const window = new CountingTarget();
  const document = Object.assign(new CountingTarget(), {
    visibilityState: 'visible' as 'visible' | 'hidden',
  });
  const navigator = { onLine: true };
  vi.stubGlobal('window', window);
  vi.stubGlobal('document', document);
  vi.stubGlobal('navigator', navigator);
  const setVisibility = (state: 'visible' | 'hidden') => {
    document.visibilityState = state;
    document.dispatchEvent(new Event('visibilitychange'));
  };
  return {
    window,
    document,
    navigator,
    goOffline() {
      navigator.onLine = false;
      window.dispatchEvent(new Event('offline'));
    },
    goOnline() {
      navigator.onLine = true;
      window.dispatchEvent(new Event('online'));
    },
    hide: () => setVisibility('hidden'),
    show: () => setVisibility('visible'),
  };
}
