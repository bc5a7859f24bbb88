export { AuthError, isAuthError } from './auth-error';
export type { AuthErrorCode } from './auth-error';
export { readBearerToken } from './bearer';
export { DEV_TOKEN_LIFETIME_MS, signDevToken } from './dev-token';
export type { DevToken, DevTokenUser } from './dev-token';
export { createTokenVerifier } from './verify-token';
export type { VerifiedUser, VerifyToken } from './verify-token';
