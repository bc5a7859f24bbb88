import { describe, expect, it } from 'vitest';
import { PushThrottle } from './throttle';

describe('PushThrottle', () => {
  it('lets one push per user and conversation through per window', () => {
    let now = 1_000;
    const throttle = new PushThrottle(10_000, () => now);
    expect(throttle.take('ana', 'c-1')).toBe(true);
    expect(throttle.take('ana', 'c-1')).toBe(false);
    expect(throttle.take('ana', 'c-2')).toBe(true);
    expect(throttle.take('bruno', 'c-1')).toBe(true);
    now += 9_999;
    expect(throttle.take('ana', 'c-1')).toBe(false);
    now += 1;
    expect(throttle.take('ana', 'c-1')).toBe(true);
  });

  it('keys users and conversations apart whatever characters their ids hold', () => {
    const throttle = new PushThrottle(10_000, () => 0);
    expect(throttle.take('a\nb', 'c')).toBe(true);
    expect(throttle.take('a', 'b\nc')).toBe(true);
  });

  it('lets everything through with a window of 0', () => {
    const throttle = new PushThrottle(0, () => 0);
    expect(throttle.take('ana', 'c-1')).toBe(true);
    expect(throttle.take('ana', 'c-1')).toBe(true);
  });

  it('forgets expired windows once many are remembered', () => {
    let now = 0;
    const throttle = new PushThrottle(10, () => now);
    for (let i = 0; i < 10_000; i++) throttle.take(`u-${i}`, 'c');
    now = 10;
    throttle.take('late', 'c');
    expect(throttle.size).toBe(1);
  });
});
