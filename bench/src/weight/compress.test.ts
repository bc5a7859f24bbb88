import { describe, expect, it } from 'vitest';
import { measure } from './compress';

describe('measure', () => {
  it('gives the raw length and the compressed ones, smaller for repetitive text', () => {
    const text = new TextEncoder().encode('export const greeting = "bonjour";\n'.repeat(200));
    const sizes = measure(text);
    expect(sizes.min).toBe(text.byteLength);
    expect(sizes.gzip).toBeGreaterThan(0);
    expect(sizes.gzip).toBeLessThan(sizes.min / 10);
    expect(sizes.brotli).toBeGreaterThan(0);
    expect(sizes.brotli).toBeLessThanOrEqual(sizes.gzip);
  });

  it('is the same for the same bytes (gzip at a fixed level, no timestamp)', () => {
    const text = new TextEncoder().encode('a'.repeat(1000) + 'b'.repeat(1000));
    expect(measure(text)).toEqual(measure(Uint8Array.from(text)));
  });
});
