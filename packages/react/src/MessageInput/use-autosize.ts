import { type RefObject, useEffect, useLayoutEffect } from 'react';

// Layout effects warn during server rendering in React 18; nothing needs measuring there.
const useClientLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect;

/**
 * Fits a textarea's height to its content on every change of `value`; the stylesheet's
 * `max-height` caps it, after which the textarea scrolls (`overflow-y: auto`).
 */
export function useAutosize(ref: RefObject<HTMLTextAreaElement | null>, value: string): void {
  useClientLayoutEffect(() => {
    const textarea = ref.current;
    if (!textarea) return;
    // Shrink first, or scrollHeight never goes down after a deletion.
    textarea.style.height = 'auto';
    const borders = textarea.offsetHeight - textarea.clientHeight;
    textarea.style.height = `${textarea.scrollHeight + borders}px`;
  }, [ref, value]);
}
