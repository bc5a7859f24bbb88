import { SignJWT } from 'jose';
import { DEFAULT_JWT_MAX_LIFETIME_SECONDS, type JwtConfig, type NodeEnv } from '../config';

/** The user a development token is made for. */
export interface DevTokenUser {
  id: string;
  displayName: string;
  avatarUrl?: string;
  role?: string;
}

/** A signed development token and when it expires (ms since the epoch). */
export interface DevToken {
  token: string;
  expiresAt: number;
}

/**
 * Development tokens last a working day, so a demo session never has to log in again (or less, when
 * JWT_MAX_LIFETIME_SECONDS is shorter).
 */
export const DEV_TOKEN_LIFETIME_MS = 12 * 60 * 60 * 1000;

/**
 * Signs an HS256 token as the host app would, for `POST /auth/dev-login`. Refuses in production
 * and when the server verifies with a public key (it has no private key to sign with).
 */
export async function signDevToken(
  config: { env: NodeEnv; jwt: JwtConfig },
  user: DevTokenUser,
  now: number = Date.now(),
): Promise<DevToken> {
  const { jwt } = config;
  if (config.env === 'production') {
    throw new Error('Development tokens are never signed in production');
  }
  if (jwt.algorithm !== 'HS256') {
    throw new Error(
      `Development tokens need JWT_SECRET (HS256); this server verifies ${jwt.algorithm} tokens`,
    );
  }
  const issuedAt = Math.floor(now / 1000);
  // Never longer than the verifier accepts (JWT_MAX_LIFETIME_SECONDS may be set below 12 h).
  const lifetime = Math.min(
    DEV_TOKEN_LIFETIME_MS / 1000,
    jwt.maxLifetimeSeconds ?? DEFAULT_JWT_MAX_LIFETIME_SECONDS,
  );
  const expiresAtSeconds = issuedAt + lifetime;
  const claims: Record<string, string> = { name: user.displayName };
  if (user.avatarUrl) claims.avatar = user.avatarUrl;
  if (user.role) claims.role = user.role;
  let builder = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(user.id)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAtSeconds);
  if (jwt.issuer) builder = builder.setIssuer(jwt.issuer);
  if (jwt.audience) builder = builder.setAudience(jwt.audience);
  return { token: await builder.sign(jwt.secret), expiresAt: expiresAtSeconds * 1000 };
}
