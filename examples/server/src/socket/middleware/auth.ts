import type { HandshakeErrorCode, HandshakeErrorData } from '@causette/protocol';
import type { Logger } from 'pino';
import type { Store } from '../../services/store';
import { ServiceError } from '../../services/errors';
import type { Admission } from '../admission';
import type { ChatSocket, VerifyToken } from '../types';

/** An Error socket.io turns into a `connect_error` carrying `err.data = { code, message }`. */
export function handshakeError(
  code: HandshakeErrorCode,
  message: string,
): Error & { data: HandshakeErrorData } {
  return Object.assign(new Error(message), { data: { code, message } });
}

/** The token from `auth: { token }`, or an `Authorization: Bearer` header. */
export function readToken(handshake: ChatSocket['handshake']): string | undefined {
  const auth: unknown = handshake.auth;
  if (
    auth &&
    typeof auth === 'object' &&
    'token' in auth &&
    typeof auth.token === 'string' &&
    auth.token
  ) {
    return auth.token;
  }
  const header = handshake.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

interface AuthDeps {
  verifyToken: VerifyToken;
  admission: Admission;
  store: Store;
  logger: Logger;
  now: () => number;
}

/** Verifies the JWT, upserts the user and leaves who they are on `socket.data`. */
export function authMiddleware(deps: AuthDeps) {
  return async (socket: ChatSocket, next: (err?: Error) => void): Promise<void> => {
    const token = readToken(socket.handshake);
    if (!token) return next(handshakeError('UNAUTHORIZED', 'missing token'));
    let identity;
    try {
      identity = await deps.verifyToken(token);
    } catch (error) {
      const expired = (error as { code?: unknown } | null)?.code === 'TOKEN_EXPIRED';
      return next(
        expired
          ? handshakeError('TOKEN_EXPIRED', 'token expired')
          : handshakeError('UNAUTHORIZED', 'invalid token'),
      );
    }
    if (identity.expiresAt <= deps.now())
      return next(handshakeError('TOKEN_EXPIRED', 'token expired'));
    try {
      await deps.admission.run(() =>
        deps.store.users.upsert({
          id: identity.userId,
          displayName: identity.displayName,
          avatarUrl: identity.avatarUrl,
          role: identity.role,
        }),
      );
    } catch (error) {
      // A reconnect storm past capacity: refused like any request, without a log line each.
      if (error instanceof ServiceError && error.code === 'UNAVAILABLE') {
        return next(handshakeError('OVERLOADED', error.message));
      }
      deps.logger.error(
        { err: error, userId: identity.userId },
        'user upsert failed during handshake',
      );
      // Transient: the client retries with backoff instead of giving up as on UNAUTHORIZED.
      return next(handshakeError('OVERLOADED', 'storage unavailable, retry later'));
    }
    socket.data = {
      userId: identity.userId,
      displayName: identity.displayName,
      expiresAt: identity.expiresAt,
    };
    next();
  };
}
