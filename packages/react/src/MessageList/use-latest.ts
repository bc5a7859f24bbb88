import { type RefObject, useEffect, useLayoutEffect, useRef } from 'react';

// On a server there is no layout: the effects that measure or scroll run only in a browser.
export const useBrowserLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect;

/** A ref that always holds the latest `value`, for callbacks that must not re-subscribe. */
export function useLatest<T>(value: T): RefObject<T> {
  const ref = useRef(value);
  useBrowserLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}
