import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { DEV_TOKEN_LIFETIME_MS, signDevToken } from './dev-token';
import { createTokenVerifier } from './verify-token';

const alice = {
  id: 'u-advertiser-1',
  displayName: 'Alice',
  role: 'advertiser',
  avatarUrl: 'https://i.pravatar.cc/64?u=1',
};

describe('signDevToken', () => {
  it('signs a 12 h HS256 token the verifier accepts', async () => {
    const config = loadConfig({ JWT_ISSUER: 'dev-app', JWT_AUDIENCE: 'causette' });
    const { token, expiresAt } = await signDevToken(config, alice);
    const user = await createTokenVerifier(config)(token);
    expect(user).toEqual({
      userId: 'u-advertiser-1',
      displayName: 'Alice',
      role: 'advertiser',
      avatarUrl: alice.avatarUrl,
      expiresAt,
    });
    expect(expiresAt - Date.now()).toBeGreaterThan(DEV_TOKEN_LIFETIME_MS - 60_000);
    expect(expiresAt - Date.now()).toBeLessThanOrEqual(DEV_TOKEN_LIFETIME_MS);
  });

  it('stays within a JWT_MAX_LIFETIME_SECONDS shorter than 12 h, so the verifier accepts it', async () => {
    const config = loadConfig({ JWT_MAX_LIFETIME_SECONDS: '3600' });
    const now = Date.now();
    const { token, expiresAt } = await signDevToken(config, alice, now);
    await expect(createTokenVerifier(config)(token)).resolves.toMatchObject({ expiresAt });
    expect(expiresAt).toBe(Math.floor(now / 1000) * 1000 + 3_600_000);
  });

  it('refuses without an HS256 secret', async () => {
    const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    await expect(signDevToken(loadConfig({ JWT_PUBLIC_KEY: pem }), alice)).rejects.toThrow(
      /JWT_SECRET/,
    );
  });

  it('refuses in production', async () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET: 'p'.repeat(40),
      ALLOWED_ORIGINS: 'https://app.example.com',
      CLOUDINARY_URL: 'cloudinary://1:s@c',
    });
    await expect(signDevToken(config, alice)).rejects.toThrow(/production/);
  });
});
