import { describe, expect, it } from 'vitest';
import { UserSocketQuota } from './user-socket-quota';

describe('UserSocketQuota', () => {
  it('gives each user up to the maximum of slots, other users apart', () => {
    const quota = new UserSocketQuota(2);
    expect(quota.take('ana')).toBeTypeOf('function');
    expect(quota.take('ana')).toBeTypeOf('function');
    expect(quota.take('ana')).toBeUndefined();
    expect(quota.take('bruno')).toBeTypeOf('function');
    expect(quota.count('ana')).toBe(2);
    expect(quota.count('bruno')).toBe(1);
  });

  it('frees a slot once, however often its release is called', () => {
    const quota = new UserSocketQuota(2);
    const first = quota.take('ana');
    quota.take('ana');
    first?.();
    first?.();
    expect(quota.count('ana')).toBe(1);
    expect(quota.take('ana')).toBeTypeOf('function');
    expect(quota.take('ana')).toBeUndefined();
  });

  it('forgets a user whose last slot is freed', () => {
    const quota = new UserSocketQuota(1);
    quota.take('ana')?.();
    expect(quota.count('ana')).toBe(0);
    expect(quota.users).toBe(0);
  });

  it('refuses a maximum that is not a positive integer', () => {
    for (const max of [0, -1, 1.5, Number.NaN]) {
      expect(() => new UserSocketQuota(max)).toThrow(RangeError);
    }
  });
});
