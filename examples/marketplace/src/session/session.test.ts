import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearSession, onSessionChange, readSession, saveSession } from './session';

const camille = {
  userId: 'u-advertiser-1',
  displayName: 'Camille Martin',
  role: 'advertiser',
} as const;

afterEach(() => localStorage.clear());

describe('the demo session', () => {
  it('is kept in localStorage, for every tab of the browser', () => {
    expect(readSession()).toBeNull();
    saveSession(camille);
    expect(readSession()).toEqual(camille);
    clearSession();
    expect(readSession()).toBeNull();
  });

  it.each([
    ['not JSON', '{'],
    ['another shape', JSON.stringify({ id: 'u-1' })],
    ['an unknown role', JSON.stringify({ ...camille, role: 'admin' })],
    ['null', 'null'],
  ])('reads %s as signed out', (_, stored) => {
    localStorage.setItem('causette-demo:session', stored);
    expect(readSession()).toBeNull();
  });

  it('tells when another tab signs in or out, and stops when unsubscribed', () => {
    const listener = vi.fn();
    const unsubscribe = onSessionChange(listener);
    saveSession(camille);
    dispatchEvent(new StorageEvent('storage', { key: 'causette-demo:session' }));
    expect(listener).toHaveBeenLastCalledWith(camille);
    dispatchEvent(new StorageEvent('storage', { key: 'something-else' }));
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
    dispatchEvent(new StorageEvent('storage', { key: null }));
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
