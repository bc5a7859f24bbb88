/** Why a token was refused; the same codes a socket handshake refusal carries. */
export type AuthErrorCode = 'UNAUTHORIZED' | 'TOKEN_EXPIRED';

/** A refused token. `code` tells the client whether a fresh token can help (`TOKEN_EXPIRED`). */
export class AuthError extends Error {
  readonly code: AuthErrorCode;

  constructor(code: AuthErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AuthError';
    this.code = code;
  }
}

/** Type guard that survives module duplication (checks the shape, not the prototype). */
export function isAuthError(value: unknown): value is AuthError {
  return (
    value instanceof Error &&
    value.name === 'AuthError' &&
    ((value as AuthError).code === 'UNAUTHORIZED' || (value as AuthError).code === 'TOKEN_EXPIRED')
  );
}
