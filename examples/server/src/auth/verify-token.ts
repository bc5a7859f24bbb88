import { MAX_ID_LENGTH } from '@causette/protocol';
import { errors, importSPKI, jwtVerify, type JWTPayload } from 'jose';
import { DEFAULT_JWT_MAX_LIFETIME_SECONDS, type JwtConfig } from '../config';
import { AuthError } from './auth-error';

/** Who a valid token speaks for. */
export interface VerifiedUser {
  userId: string;
  displayName: string;
  avatarUrl?: string;
  role?: string;
  /** When the token expires, ms since the epoch. */
  expiresAt: number;
}

/** Checks a JWT and returns its user, or throws an {@link AuthError}. */
export type VerifyToken = (token: string) => Promise<VerifiedUser>;

// Tokens far past any real size are refused before any parsing work is spent on them.
const MAX_TOKEN_LENGTH = 8192;
const MAX_DISPLAY_NAME_LENGTH = 200;
const MAX_ROLE_LENGTH = 64;
const MAX_AVATAR_URL_LENGTH = 2048;
// Clocks of the token issuer and this server disagree a little; more than this is a real expiry.
const CLOCK_TOLERANCE_SECONDS = 5;
/**
 * How far in the future a token's `iat` may be. Wider than the expiry tolerance: an issuer whose
 * clock runs ahead would otherwise see every fresh token refused, not only a token's last seconds.
 */
const MAX_ISSUED_AT_SKEW_SECONDS = 60;
// C0 and C1 controls (U+0000 included, which PostgreSQL cannot store) and lone UTF-16 surrogates
// (not text: a database stores them as U+FFFD, so the stored id would differ from the token's).
const CONTROL_OR_LONE_SURROGATE = /[\p{Cc}\p{Cs}]/u;
const CONTROL_OR_LONE_SURROGATE_RUNS = /[\p{Cc}\p{Cs}\s]+/gu;

/**
 * Builds the verifier for the configured key. The algorithm comes from the configuration only:
 * a token naming another one (`none`, HS256 against a public key...) is refused by jose before
 * any signature check, which closes the classic algorithm-confusion attacks.
 *
 * A token may live at most `jwt.maxLifetimeSeconds` (JWT_MAX_LIFETIME_SECONDS, 24 h by default):
 * `exp - iat` when it has an `iat` (which may not be more than {@link MAX_ISSUED_AT_SKEW_SECONDS}
 * ahead), `exp - now` when it has none. The identity claims are checked before anything is stored:
 * a bad one refuses the token (UNAUTHORIZED), whose values no message quotes.
 */
export function createTokenVerifier(config: { jwt: JwtConfig }): VerifyToken {
  const { jwt } = config;
  const maxLifetime = jwt.maxLifetimeSeconds ?? DEFAULT_JWT_MAX_LIFETIME_SECONDS;
  // Imported once: given the secret's bytes, jose imports them again for every token (measured:
  // twice the CPU of a verification, paid by every handshake of a reconnect storm).
  const key =
    jwt.algorithm === 'HS256'
      ? crypto.subtle.importKey(
          'raw',
          new Uint8Array(jwt.secret),
          { name: 'HMAC', hash: 'SHA-256' },
          false,
          ['verify'],
        )
      : importSPKI(jwt.publicKeyPem, jwt.algorithm);
  // Surface a bad key at the first verification, not as an unhandled rejection at startup.
  key.catch(() => undefined);

  return async (token) => {
    if (typeof token !== 'string' || token.length === 0) {
      throw new AuthError('UNAUTHORIZED', 'A token is required');
    }
    if (token.length > MAX_TOKEN_LENGTH) {
      throw new AuthError('UNAUTHORIZED', 'The token is too long');
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await key, {
        algorithms: [jwt.algorithm],
        requiredClaims: ['exp', 'sub'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        ...(jwt.issuer ? { issuer: jwt.issuer } : {}),
        ...(jwt.audience ? { audience: jwt.audience } : {}),
      }));
    } catch (error) {
      throw toAuthError(error);
    }
    checkLifetime(payload, maxLifetime, Math.floor(Date.now() / 1000));
    return readUser(payload);
  };
}

/**
 * jose's `maxTokenAge` does not fit: it bounds `now - iat` rather than `exp - iat`, makes `iat`
 * required, and its future-`iat` check shares the (narrower) expiry tolerance.
 */
function checkLifetime(payload: JWTPayload, maxLifetime: number, now: number): void {
  // jose has checked that `exp` is a number and `iat`, when present, a number too.
  const exp = payload.exp as number;
  const { iat } = payload;
  if (iat !== undefined && iat > now + MAX_ISSUED_AT_SKEW_SECONDS) {
    throw new AuthError('UNAUTHORIZED', 'Invalid token: "iat" claim is in the future');
  }
  // Without `iat`, the lifetime left is bounded instead: the token is usable for at most the
  // maximum either way.
  const lifetime = iat === undefined ? exp - now - MAX_ISSUED_AT_SKEW_SECONDS : exp - iat;
  if (lifetime > maxLifetime) {
    throw new AuthError(
      'UNAUTHORIZED',
      `Invalid token: its lifetime is over this server's maximum of ${maxLifetime} s`,
    );
  }
}

function toAuthError(error: unknown): AuthError {
  if (error instanceof errors.JWTExpired) {
    return new AuthError('TOKEN_EXPIRED', 'The token has expired', { cause: error });
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return new AuthError(
      'UNAUTHORIZED',
      `Invalid token: "${error.claim}" claim ${describeReason(error.reason)}`,
      {
        cause: error,
      },
    );
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return new AuthError(
      'UNAUTHORIZED',
      'Invalid token: signed with an algorithm this server does not accept',
      {
        cause: error,
      },
    );
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new AuthError('UNAUTHORIZED', 'Invalid token: bad signature', { cause: error });
  }
  if (error instanceof errors.JOSEError) {
    return new AuthError('UNAUTHORIZED', `Invalid token: ${error.message}`, { cause: error });
  }
  return new AuthError('UNAUTHORIZED', 'Invalid token', { cause: error });
}

function describeReason(reason: string): string {
  switch (reason) {
    case 'missing':
      return 'is missing';
    case 'check_failed':
      return 'does not match this server';
    case 'invalid':
      return 'is malformed';
    case 'unspecified':
    default:
      return 'is not valid';
  }
}

function readUser(payload: JWTPayload): VerifiedUser {
  const { sub, exp } = payload;
  if (
    typeof sub !== 'string' ||
    sub.length === 0 ||
    sub.length > MAX_ID_LENGTH ||
    CONTROL_OR_LONE_SURROGATE.test(sub)
  ) {
    throw new AuthError(
      'UNAUTHORIZED',
      `Invalid token: "sub" must be a user id of 1 to ${MAX_ID_LENGTH} characters, without control characters`,
    );
  }
  if (typeof exp !== 'number') {
    throw new AuthError('UNAUTHORIZED', 'Invalid token: "exp" claim is missing');
  }
  const user: VerifiedUser = {
    userId: sub,
    displayName: cleanName(optionalClaim(payload, 'name', MAX_DISPLAY_NAME_LENGTH)) || sub,
    expiresAt: exp * 1000,
  };
  const avatar = optionalClaim(payload, 'avatar', MAX_AVATAR_URL_LENGTH);
  if (avatar !== undefined) {
    if (!isHttpUrl(avatar)) {
      throw new AuthError('UNAUTHORIZED', 'Invalid token: "avatar" must be an http(s) URL');
    }
    user.avatarUrl = avatar;
  }
  const role = optionalClaim(payload, 'role', MAX_ROLE_LENGTH);
  if (role) user.role = role;
  return user;
}

/** A string claim of at most `max` characters, or undefined when absent; anything else is refused. */
function optionalClaim(payload: JWTPayload, name: string, max: number): string | undefined {
  const value = payload[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length > max) {
    throw new AuthError(
      'UNAUTHORIZED',
      `Invalid token: "${name}" must be a string of at most ${max} characters`,
    );
  }
  // A name is cleaned (a user cannot fix the name their host app sends); anything else is refused.
  if (name !== 'name' && CONTROL_OR_LONE_SURROGATE.test(value)) {
    throw new AuthError('UNAUTHORIZED', `Invalid token: "${name}" holds control characters`);
  }
  return value;
}

/** The display name with each run of control characters and white space made one space. */
function cleanName(name: string | undefined): string | undefined {
  return name?.replace(CONTROL_OR_LONE_SURROGATE_RUNS, ' ').trim();
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
