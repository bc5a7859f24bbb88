import { describe, expect, it } from 'vitest';
import { parsePageTiming, runExpression } from './page-protocol';

describe('the page protocol', () => {
  it('asks the page for one series and count', () => {
    expect(runExpression('causette', 10_000)).toBe('window.causetteBench.run("causette", 10000)');
  });

  it('accepts timings and refuses anything else, saying what came', () => {
    expect(parsePageTiming({ mountMs: 12.5, newMessageMs: 3, domRows: 14 })).toEqual({
      mountMs: 12.5,
      newMessageMs: 3,
      domRows: 14,
    });
    expect(() => parsePageTiming({ mountMs: -1, newMessageMs: 3, domRows: 1 })).toThrow(/mountMs/);
    expect(() => parsePageTiming(undefined)).toThrow(/unexpected answer/);
    expect(() => parsePageTiming({ mountMs: 1, newMessageMs: Number.NaN, domRows: 1 })).toThrow();
  });
});
