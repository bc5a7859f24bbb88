import { afterEach, describe, expect, it, vi } from 'vitest';
import { isOnline, isVisible, onOffline, onOnline, onPageHide, onVisible } from './environment';
import { installFakeBrowser } from './test-browser';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('without a browser (Node, SSR)', () => {
  it('reports online and visible and hands back harmless unsubscribers', () => {
    vi.stubGlobal('window', undefined);
    vi.stubGlobal('document', undefined);
    vi.stubGlobal('navigator', undefined);
    expect(isOnline()).toBe(true);
    expect(isVisible()).toBe(true);
    const offs = [
      onOnline(() => undefined),
      onOffline(() => undefined),
      onVisible(() => undefined),
    ];
    for (const off of offs) expect(() => off()).not.toThrow();
  });

  it('treats an unknown navigator.onLine as online', () => {
    vi.stubGlobal('navigator', {});
    expect(isOnline()).toBe(true);
  });
});

describe('with a browser', () => {
  it('reads navigator.onLine and document.visibilityState', () => {
    const browser = installFakeBrowser();
    expect(isOnline()).toBe(true);
    browser.goOffline();
    expect(isOnline()).toBe(false);
    expect(isVisible()).toBe(true);
    browser.hide();
    expect(isVisible()).toBe(false);
  });

  it('calls back on online and offline until unsubscribed', () => {
    const browser = installFakeBrowser();
    const online = vi.fn();
    const offline = vi.fn();
    const offOnline = onOnline(online);
    const offOffline = onOffline(offline);
    expect(browser.window.listenerCount).toBe(2);
    browser.goOffline();
    browser.goOnline();
    expect(offline).toHaveBeenCalledTimes(1);
    expect(online).toHaveBeenCalledTimes(1);
    offOnline();
    offOffline();
    offOnline();
    expect(browser.window.listenerCount).toBe(0);
    browser.goOffline();
    browser.goOnline();
    expect(online).toHaveBeenCalledTimes(1);
    expect(offline).toHaveBeenCalledTimes(1);
  });

  it('calls onVisible only when the page becomes visible', () => {
    const browser = installFakeBrowser();
    const visible = vi.fn();
    const off = onVisible(visible);
    browser.hide();
    expect(visible).not.toHaveBeenCalled();
    browser.show();
    expect(visible).toHaveBeenCalledTimes(1);
    off();
    expect(browser.document.listenerCount).toBe(0);
    browser.hide();
    browser.show();
    expect(visible).toHaveBeenCalledTimes(1);
  });

  it('calls onPageHide when the page is hidden or unloaded, and stops when unsubscribed', () => {
    const browser = installFakeBrowser();
    const hidden = vi.fn();
    const off = onPageHide(hidden);
    browser.show();
    expect(hidden).not.toHaveBeenCalled();
    browser.hide();
    browser.window.dispatchEvent(new Event('pagehide'));
    expect(hidden).toHaveBeenCalledTimes(2);
    off();
    expect(browser.document.listenerCount).toBe(0);
    expect(browser.window.listenerCount).toBe(0);
    browser.window.dispatchEvent(new Event('pagehide'));
    expect(hidden).toHaveBeenCalledTimes(2);
  });

  it('rejects a callback that is not a function', () => {
    installFakeBrowser();
    expect(() => onOnline(null as unknown as () => void)).toThrow(/onOnline: callback/);
    expect(() => onVisible('x' as unknown as () => void)).toThrow(TypeError);
  });
});
