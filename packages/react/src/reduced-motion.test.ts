// Under `prefers-reduced-motion: reduce` the kit stops its animations and transitions: the
// typing dots stand still and progress bars jump instead of sliding.
import { commands } from 'vitest/browser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import kitCss from './styles.css?inline';

declare module 'vitest/browser' {
  interface BrowserCommands {
    emulateReducedMotion: (value: 'reduce' | 'no-preference') => Promise<void>;
  }
}

const style = document.createElement('style');
let root: HTMLElement;

beforeAll(() => {
  style.textContent = kitCss;
  document.head.append(style);
});
afterAll(() => style.remove());
afterEach(async () => {
  root.remove();
  await commands.emulateReducedMotion('no-preference');
});

function kit(): { dot: HTMLElement; bar: HTMLElement } {
  root = document.createElement('div');
  root.className = 'causette';
  root.innerHTML = `
    <span class="causette-typing-indicator__dot"></span>
    <div class="causette-message-input__progress"><div class="causette-message-input__progress-bar"></div></div>`;
  document.body.append(root);
  const get = (selector: string) => root.querySelector<HTMLElement>(selector)!;
  return {
    dot: get('.causette-typing-indicator__dot'),
    bar: get('.causette-message-input__progress-bar'),
  };
}

/** The longest duration in a computed `transition-duration` or `animation-duration`, in ms. */
const longest = (value: string) =>
  Math.max(
    ...value.split(',').map((part) => parseFloat(part) * (part.trim().endsWith('ms') ? 1 : 1000)),
  );

describe('prefers-reduced-motion', () => {
  it('animates by default (the control)', async () => {
    await commands.emulateReducedMotion('no-preference');
    const { dot, bar } = kit();
    expect(getComputedStyle(dot).animationName).toBe('causette-typing-dot');
    expect(longest(getComputedStyle(bar).transitionDuration)).toBeGreaterThanOrEqual(100);
  });

  it('stops the typing dots and shortens transitions when the user asks for less motion', async () => {
    await commands.emulateReducedMotion('reduce');
    expect(matchMedia('(prefers-reduced-motion: reduce)').matches).toBe(true);
    const { dot, bar } = kit();
    expect(getComputedStyle(dot).animationName).toBe('none');
    expect(longest(getComputedStyle(bar).transitionDuration)).toBeLessThanOrEqual(1);
  });
});
