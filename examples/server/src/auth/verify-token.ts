import { MAX_ID_LENGTH } from '@causette/protocol';
import { errors, importSPKI, jwtVerify, type JWTPayload } from 'jose';
import type { JwtConfig } from '../config';
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
 * Builds the verifier for the configured key. The algorithm comes from the configuration only:
 * a token naming another one (`none`, HS256 against a public key...) is refused by jose before
 * any signature check, which closes the classic algorithm-confusion attacks.
 */
export function createTokenVerifier(config: { jwt: JwtConfig }): VerifyToken {
  const { jwt } = config;
  const key =
    jwt.algorithm === 'HS256'
      ? Promise.resolve(jwt.secret)
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
    return readUser(payload);
  };
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
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > MAX_ID_LENGTH) {
    throw new AuthError(
      'UNAUTHORIZED',
      `Invalid token: "sub" must be a user id of 1 to ${MAX_ID_LENGTH} characters`,
    );
  }
  if (typeof exp !== 'number') {
    throw new AuthError('UNAUTHORIZED', 'Invalid token: "exp" claim is missing');
  }
  const user: VerifiedUser = {
    userId: sub,
    displayName: optionalClaim(payload, 'name', MAX_DISPLAY_NAME_LENGTH)?.trim() || sub,
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
  return value;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
