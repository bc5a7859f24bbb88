import { describe, expect, it } from 'vitest';
import { decodeMockToken, encodeMockToken, verifyHandshake } from './token';

const known = (id: string) => id === 'u-alice';

describe('mock tokens', () => {
  it('round-trips claims, unicode names included, in a JWT shape', () => {
    const token = encodeMockToken({ sub: 'u-alice', name: 'Chloé 🏠', exp: 1_900_000_000 });
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.$/);
    expect(decodeMockToken(token)).toEqual({
      sub: 'u-alice',
      name: 'Chloé 🏠',
      exp: 1_900_000_000,
    });
  });

  it('rejects what is not one of its tokens', () => {
    expect(decodeMockToken('a.b')).toBeNull();
    expect(decodeMockToken('a.%%%.')).toBeNull();
    expect(decodeMockToken(`x.${btoa('{"sub":""}')}.`)).toBeNull();
    expect(decodeMockToken(`x.${btoa('{"sub":"u","exp":"soon"}')}.`)).toBeNull();
  });

  it('applies the handshake rules in order: missing, invalid, expired, unknown user', () => {
    const now = 1_000_000;
    const valid = encodeMockToken({ sub: 'u-alice', exp: 2000 });
    expect(verifyHandshake(undefined, known, now)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED', message: 'missing token' },
    });
    expect(verifyHandshake({ token: 'x' }, known, now)).toMatchObject({
      error: { message: 'invalid token' },
    });
    expect(
      verifyHandshake({ token: encodeMockToken({ sub: 'u-alice', exp: 1000 }) }, known, now),
    ).toMatchObject({
      error: { code: 'TOKEN_EXPIRED' },
    });
    expect(
      verifyHandshake({ token: encodeMockToken({ sub: 'u-bob', exp: 2000 }) }, known, now),
    ).toMatchObject({
      error: { code: 'UNAUTHORIZED', message: 'unknown user u-bob' },
    });
    expect(verifyHandshake({ token: valid }, known, now)).toEqual({
      ok: true,
      userId: 'u-alice',
      expiresAt: 2_000_000,
    });
  });
});
