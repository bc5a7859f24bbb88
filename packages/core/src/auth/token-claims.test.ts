import { describe, expect, it } from 'vitest';
import { isChatError } from '../errors';
import { decodeTokenClaims } from './token-claims';

/** base64url without padding, as JWTs carry it. */
function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** Builds an unsigned JWT-shaped token around `payload` (UTF-8 JSON). */
function jwt(payload: unknown): string {
  const encode = (value: unknown) => base64url(new TextEncoder().encode(JSON.stringify(value)));
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}.c2lnbmF0dXJl`;
}

function failure(token: unknown): unknown {
  try {
    decodeTokenClaims(token as string);
  } catch (error) {
    return error;
  }
  throw new Error('expected decodeTokenClaims to throw');
}

describe('decodeTokenClaims', () => {
  it('reads sub, name, avatar, role and exp', () => {
    const token = jwt({
      sub: 'u-1',
      name: 'Ana',
      avatar: 'https://img.test/a.png',
      role: 'agent',
      exp: 1_700_000_000,
    });
    expect(decodeTokenClaims(token)).toEqual({
      userId: 'u-1',
      displayName: 'Ana',
      avatarUrl: 'https://img.test/a.png',
      role: 'agent',
      expiresAt: 1_700_000_000_000,
    });
  });

  it('decodes UTF-8 names, including ones whose base64 uses - and _', () => {
    expect(jwt({ sub: 'u', name: 'Zoë ~?>>' }).split('.')[1]).toMatch(/[-_]/);
    expect(decodeTokenClaims(jwt({ sub: 'u', name: 'Chloé' })).displayName).toBe('Chloé');
    expect(decodeTokenClaims(jwt({ sub: 'u', name: 'Zoë ~?>>' })).displayName).toBe('Zoë ~?>>');
    expect(decodeTokenClaims(jwt({ sub: 'u', name: '李雷 😀' })).displayName).toBe('李雷 😀');
  });

  it('falls back to sub for the display name and leaves optional claims out', () => {
    expect(decodeTokenClaims(jwt({ sub: 'u-2', name: 42, exp: 'soon' }))).toEqual({
      userId: 'u-2',
      displayName: 'u-2',
    });
  });

  it.each([
    ['not a string', 42],
    ['empty', ''],
    ['two parts', 'a.b'],
    ['empty payload', 'a..c'],
    ['not base64url', 'a.b+c/.d'],
    ['not JSON', `a.${base64url(new TextEncoder().encode('nope'))}.c`],
    ['not an object', jwt([1, 2])],
    ['null payload', jwt(null)],
    ['no sub', jwt({ name: 'Ana' })],
    ['non-string sub', jwt({ sub: 7 })],
    ['invalid UTF-8', `a.${base64url(new Uint8Array([0xff, 0xfe]))}.c`],
  ])('rejects a malformed token (%s) with UNAUTHORIZED', (_label, token) => {
    const error = failure(token);
    expect(isChatError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'UNAUTHORIZED' });
    expect((error as Error).message).toMatch(/^malformed token: /);
  });
});
