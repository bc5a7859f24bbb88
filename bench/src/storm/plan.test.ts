import { describe, expect, it } from 'vitest';
import { FULL_PLAN, QUICK_PLAN, checkPlan, offlineSender } from './plan';

describe('plans', () => {
  it('accepts the quick and full plans and refuses unbounded ones', () => {
    expect(() => checkPlan(QUICK_PLAN)).not.toThrow();
    expect(() => checkPlan(FULL_PLAN)).not.toThrow();
    expect(() => checkPlan({ ...FULL_PLAN, clients: 50_000 })).toThrow(/clients/);
    expect(() => checkPlan({ ...FULL_PLAN, boundMs: 600_000 })).toThrow(/boundMs/);
  });

  it('makes one user in two pairs of four an offline sender', () => {
    expect([0, 1, 2, 3, 4].map(offlineSender)).toEqual(['a', undefined, 'b', undefined, 'a']);
  });
});
