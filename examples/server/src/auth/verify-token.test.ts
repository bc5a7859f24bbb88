import { generateKeyPairSync } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';
import { describe, expect, it } from 'vitest';
import type { JwtConfig } from '../config';
import { AuthError } from './auth-error';
import { createTokenVerifier } from './verify-token';

const secret = new TextEncoder().encode('a-test-secret-of-at-least-32-bytes!!');
const hsConfig: { jwt: JwtConfig } = { jwt: { algorithm: 'HS256', secret, isDevDefault: false } };

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const rsaPem = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const rsConfig: { jwt: JwtConfig } = { jwt: { algorithm: 'RS256', publicKeyPem: rsaPem } };
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ecPem = ec.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const esConfig: { jwt: JwtConfig } = { jwt: { algorithm: 'ES256', publicKeyPem: ecPem } };

const inOneHour = () => Math.floor(Date.now() / 1000) + 3600;

function hsToken(claims: JWTPayload, key: Uint8Array = secret): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(key);
}

async function refusal(promise: Promise<unknown>): Promise<AuthError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AuthError);
    return error as AuthError;
  }
  throw new Error('expected the token to be refused');
}

function b64(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('createTokenVerifier with HS256', () => {
  const verify = createTokenVerifier(hsConfig);

  it('returns the user of a valid token', async () => {
    const exp = inOneHour();
    const token = await hsToken({
      sub: 'u-1',
      name: 'Alice',
      avatar: 'https://cdn.example.com/a.png',
      role: 'owner',
      exp,
    });
    await expect(verify(token)).resolves.toEqual({
      userId: 'u-1',
      displayName: 'Alice',
      avatarUrl: 'https://cdn.example.com/a.png',
      role: 'owner',
      expiresAt: exp * 1000,
    });
  });

  it('falls back to sub for the display name', async () => {
    const user = await verify(await hsToken({ sub: 'u-2', exp: inOneHour() }));
    expect(user.displayName).toBe('u-2');
    expect(user).not.toHaveProperty('avatarUrl');
  });

  it('refuses a forged signature', async () => {
    const forged = await hsToken(
      { sub: 'u-1', exp: inOneHour() },
      new TextEncoder().encode('another-secret-of-32-bytes-or-more'),
    );
    const error = await refusal(verify(forged));
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toMatch(/signature/);
  });

  it('refuses a tampered payload', async () => {
    const [header, , signature] = (await hsToken({ sub: 'u-1', exp: inOneHour() })).split('.');
    const tampered = `${header}.${b64({ sub: 'admin', exp: inOneHour() })}.${signature}`;
    expect((await refusal(verify(tampered))).code).toBe('UNAUTHORIZED');
  });

  it('refuses alg: none', async () => {
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'u-1', exp: inOneHour() })}.`;
    const error = await refusal(verify(unsigned));
    expect(error.code).toBe('UNAUTHORIZED');
  });

  it('refuses an RS256 token', async () => {
    const token = await new SignJWT({ sub: 'u-1', exp: inOneHour() })
      .setProtectedHeader({ alg: 'RS256' })
      .sign(rsa.privateKey);
    const error = await refusal(verify(token));
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toMatch(/algorithm/);
  });

  it('answers TOKEN_EXPIRED for an expired token', async () => {
    const token = await hsToken({ sub: 'u-1', exp: Math.floor(Date.now() / 1000) - 60 });
    const error = await refusal(verify(token));
    expect(error.code).toBe('TOKEN_EXPIRED');
  });

  it('refuses a forged token as UNAUTHORIZED even when it is also expired', async () => {
    const token = await hsToken(
      { sub: 'u-1', exp: 1 },
      new TextEncoder().encode('another-secret-of-32-bytes-or-more'),
    );
    expect((await refusal(verify(token))).code).toBe('UNAUTHORIZED');
  });

  it('requires exp and sub', async () => {
    expect((await refusal(verify(await hsToken({ sub: 'u-1' })))).message).toMatch(
      /"exp" claim is missing/,
    );
    expect((await refusal(verify(await hsToken({ exp: inOneHour() })))).message).toMatch(
      /"sub" claim is missing/,
    );
  });

  it('refuses an empty or over-long sub', async () => {
    expect((await refusal(verify(await hsToken({ sub: '', exp: inOneHour() })))).code).toBe(
      'UNAUTHORIZED',
    );
    expect(
      (await refusal(verify(await hsToken({ sub: 'x'.repeat(129), exp: inOneHour() })))).message,
    ).toMatch(/sub/);
  });

  it('refuses malformed optional claims', async () => {
    expect(
      (
        await refusal(
          verify(await hsToken({ sub: 'u', exp: inOneHour(), avatar: 'javascript:alert(1)' })),
        )
      ).message,
    ).toMatch(/avatar/);
    expect(
      (await refusal(verify(await hsToken({ sub: 'u', exp: inOneHour(), name: 42 })))).message,
    ).toMatch(/name/);
  });

  it('refuses a sub holding control characters or a lone surrogate, without quoting it', async () => {
    // PostgreSQL cannot store U+0000: before, such a sub reached the user upsert and failed there.
    for (const sub of [
      'a\u0000b',
      'tab\there',
      'line\nbreak',
      'del\u007f',
      'c1\u0085',
      '\ud800x',
    ]) {
      const error = await refusal(verify(await hsToken({ sub, exp: inOneHour() })));
      expect(error.code).toBe('UNAUTHORIZED');
      expect(error.message).toMatch(/"sub"/);
      expect(error.message).not.toContain(sub);
    }
    // An emoji is a surrogate pair, not a lone one.
    await expect(verify(await hsToken({ sub: 'u-😀', exp: inOneHour() }))).resolves.toMatchObject({
      userId: 'u-😀',
    });
  });

  it('cleans control characters out of the display name, and falls back to sub', async () => {
    const named = async (name: string) =>
      (await verify(await hsToken({ sub: 'u-n', name, exp: inOneHour() }))).displayName;
    expect(await named('Ana\u0000 Lopez\n')).toBe('Ana Lopez');
    expect(await named('Ana\t\tLopez')).toBe('Ana Lopez');
    expect(await named('\u0000\u0007 ')).toBe('u-n');
  });

  it('refuses a role or avatar holding control characters', async () => {
    for (const claims of [
      { role: 'owner\u0000' },
      { role: 'own\ner' },
      { avatar: 'https://cdn.example.com/a\u0000.png' },
    ]) {
      const error = await refusal(verify(await hsToken({ sub: 'u', exp: inOneHour(), ...claims })));
      expect(error.code).toBe('UNAUTHORIZED');
      expect(error.message).toMatch(/"(role|avatar)"/);
    }
  });

  it('refuses garbage and empty tokens without throwing anything else', async () => {
    for (const token of ['', 'abc', 'a.b.c', 'x'.repeat(10_000)]) {
      expect((await refusal(verify(token))).code).toBe('UNAUTHORIZED');
    }
  });
});

describe('createTokenVerifier with issuer and audience', () => {
  const verify = createTokenVerifier({
    jwt: { ...hsConfig.jwt, issuer: 'https://app.example.com', audience: 'causette' },
  });

  it('accepts matching iss and aud', async () => {
    const token = await hsToken({
      sub: 'u',
      exp: inOneHour(),
      iss: 'https://app.example.com',
      aud: 'causette',
    });
    await expect(verify(token)).resolves.toMatchObject({ userId: 'u' });
  });

  it('refuses a mismatched or missing iss or aud', async () => {
    for (const claims of [
      { iss: 'https://evil.example.com', aud: 'causette' },
      { iss: 'https://app.example.com', aud: 'other' },
      { aud: 'causette' },
      { iss: 'https://app.example.com' },
    ]) {
      const error = await refusal(verify(await hsToken({ sub: 'u', exp: inOneHour(), ...claims })));
      expect(error.code).toBe('UNAUTHORIZED');
      expect(error.message).toMatch(/"(iss|aud)" claim/);
    }
  });
});

describe('createTokenVerifier with a public key', () => {
  it('accepts RS256 tokens signed by the matching private key', async () => {
    const verify = createTokenVerifier(rsConfig);
    const token = await new SignJWT({ sub: 'u-rs', exp: inOneHour() })
      .setProtectedHeader({ alg: 'RS256' })
      .sign(rsa.privateKey);
    await expect(verify(token)).resolves.toMatchObject({ userId: 'u-rs' });
  });

  it('accepts ES256 tokens', async () => {
    const verify = createTokenVerifier(esConfig);
    const token = await new SignJWT({ sub: 'u-es', exp: inOneHour() })
      .setProtectedHeader({ alg: 'ES256' })
      .sign(ec.privateKey);
    await expect(verify(token)).resolves.toMatchObject({ userId: 'u-es' });
  });

  it('refuses an HS256 token signed with the public key as secret (algorithm confusion)', async () => {
    const verify = createTokenVerifier(rsConfig);
    const token = await hsToken({ sub: 'u', exp: inOneHour() }, new TextEncoder().encode(rsaPem));
    const error = await refusal(verify(token));
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toMatch(/algorithm/);
  });

  it('refuses a token from another key of the right type', async () => {
    const verify = createTokenVerifier(esConfig);
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const token = await new SignJWT({ sub: 'u', exp: inOneHour() })
      .setProtectedHeader({ alg: 'ES256' })
      .sign(other.privateKey);
    expect((await refusal(verify(token))).code).toBe('UNAUTHORIZED');
  });

  it('refuses an ES256 token on an RS256 server', async () => {
    const verify = createTokenVerifier(rsConfig);
    const token = await new SignJWT({ sub: 'u', exp: inOneHour() })
      .setProtectedHeader({ alg: 'ES256' })
      .sign(ec.privateKey);
    expect((await refusal(verify(token))).code).toBe('UNAUTHORIZED');
  });
});

describe('createTokenVerifier token lifetime', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const day = 24 * 60 * 60;

  it('refuses a token living longer than the maximum from its iat (24 h by default)', async () => {
    const verify = createTokenVerifier(hsConfig);
    const iat = now();
    await expect(verify(await hsToken({ sub: 'u', iat, exp: iat + day }))).resolves.toBeTruthy();
    const error = await refusal(verify(await hsToken({ sub: 'u', iat, exp: iat + day + 1 })));
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toMatch(/lifetime/);
  });

  it('takes the maximum from the configuration', async () => {
    const verify = createTokenVerifier({ jwt: { ...hsConfig.jwt, maxLifetimeSeconds: 600 } });
    const iat = now();
    await expect(verify(await hsToken({ sub: 'u', iat, exp: iat + 600 }))).resolves.toBeTruthy();
    expect((await refusal(verify(await hsToken({ sub: 'u', iat, exp: iat + 601 })))).code).toBe(
      'UNAUTHORIZED',
    );
  });

  it('refuses an iat more than a minute in the future, and accepts a smaller skew', async () => {
    const verify = createTokenVerifier(hsConfig);
    const ahead = await hsToken({ sub: 'u', iat: now() + 30, exp: now() + 3600 });
    await expect(verify(ahead)).resolves.toBeTruthy();
    const future = await hsToken({ sub: 'u', iat: now() + 120, exp: now() + 3600 });
    const error = await refusal(verify(future));
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toMatch(/"iat"/);
  });

  it('bounds a token without iat from now: exp at most the maximum away', async () => {
    const verify = createTokenVerifier(hsConfig);
    await expect(verify(await hsToken({ sub: 'u', exp: now() + day }))).resolves.toBeTruthy();
    const error = await refusal(verify(await hsToken({ sub: 'u', exp: now() + 2 * day })));
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toMatch(/lifetime/);
  });

  it('still answers TOKEN_EXPIRED for an expired token whose lifetime is fine', async () => {
    const verify = createTokenVerifier(hsConfig);
    const token = await hsToken({ sub: 'u', iat: now() - 3600, exp: now() - 60 });
    expect((await refusal(verify(token))).code).toBe('TOKEN_EXPIRED');
  });
});
