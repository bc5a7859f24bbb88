import { describe, expect, it } from 'vitest';
import { isOriginAllowed } from './origins';

describe('isOriginAllowed', () => {
  it('accepts requests without an Origin (non-browser clients)', () => {
    expect(isOriginAllowed({ kind: 'list', origins: ['https://a.example.com'] }, undefined)).toBe(
      true,
    );
  });

  it('never accepts the opaque null origin', () => {
    expect(isOriginAllowed({ kind: 'any' }, 'null')).toBe(false);
    expect(isOriginAllowed({ kind: 'local' }, 'null')).toBe(false);
  });

  it('matches a list exactly, after normalization', () => {
    const allowed = { kind: 'list', origins: ['https://a.example.com'] } as const;
    expect(isOriginAllowed(allowed, 'https://a.example.com')).toBe(true);
    expect(isOriginAllowed(allowed, 'https://A.example.com:443')).toBe(true);
    expect(isOriginAllowed(allowed, 'http://a.example.com')).toBe(false);
    expect(isOriginAllowed(allowed, 'https://a.example.com.evil.com')).toBe(false);
    expect(isOriginAllowed(allowed, 'garbage')).toBe(false);
  });

  it('accepts any local origin in the development default', () => {
    for (const origin of [
      'http://localhost:5173',
      'http://127.0.0.1:6006',
      'https://localhost',
      'http://[::1]:3000',
    ]) {
      expect(isOriginAllowed({ kind: 'local' }, origin)).toBe(true);
    }
    for (const origin of ['http://localhost.evil.com', 'https://example.com', 'file://localhost']) {
      expect(isOriginAllowed({ kind: 'local' }, origin)).toBe(false);
    }
  });
});
