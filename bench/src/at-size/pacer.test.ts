import { describe, expect, it } from 'vitest';
import { Pacer } from './pacer';

describe('Pacer', () => {
  it('lets a burst through under the capacity, then spaces requests at the refill rate', () => {
    const pacer = new Pacer({ capacity: 100, windowMs: 10_000 }, 0);
    let taken = 0;
    while (pacer.waitMs(0) === 0) {
      pacer.take(0);
      taken++;
    }
    // A margin of tokens is kept back from the server's capacity.
    expect(taken).toBeLessThan(100);
    expect(taken).toBeGreaterThan(80);
    expect(pacer.waitMs(0)).toBe(100);
    expect(pacer.waitMs(100)).toBe(0);
  });

  it('refills no further than its capacity after a pause', () => {
    const pacer = new Pacer({ capacity: 10, windowMs: 1_000 }, 0);
    let taken = 0;
    while (pacer.waitMs(60_000) === 0) {
      pacer.take(60_000);
      taken++;
    }
    expect(taken).toBeLessThan(10);
  });
});
