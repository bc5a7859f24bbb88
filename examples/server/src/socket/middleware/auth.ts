import type { HandshakeErrorCode, HandshakeErrorData } from '@causette/protocol';
import type { Logger } from 'pino';
import { summarizeError } from '../../logger';
import { ServiceError } from '../../services/errors';
import type { Store } from '../../services/store';
import { isDataException } from '../../services/store-messages';
import type { Admission } from '../admission';
import type { UserSocketQuota } from '../user-socket-quota';
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
  socketQuota: UserSocketQuota;
}

/**
 * Holds `release` (the user's socket slot) until the socket disconnects, or until its connection
 * closes first: mid-handshake, socket.io drops the socket without a `disconnect`. Returns the
 * function that gives the slot back now (once, whichever comes first).
 */
function holdUntilClosed(socket: ChatSocket, release: () => void): () => void {
  const done = () => {
    socket.conn.off('close', done);
    release();
  };
  socket.conn.once('close', done);
  socket.once('disconnect', done);
  return done;
}

/**
 * Verifies the JWT, takes one of the user's socket slots, upserts the user and leaves who they
 * are on `socket.data`.
 */
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
    // Taken before any await, so parallel handshakes of one user cannot all find a free slot, and
    // before the upsert, so a refusal costs no database work.
    const slot = deps.socketQuota.take(identity.userId);
    if (!slot) return next(handshakeError('OVERLOADED', 'too many connections for this user'));
    const release = holdUntilClosed(socket, slot);
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
      release();
      // A reconnect storm past capacity: refused like any request, without a log line each.
      if (error instanceof ServiceError && error.code === 'UNAVAILABLE') {
        return next(handshakeError('OVERLOADED', error.message));
      }
      // A summary without the user id: the error's message and fields quote the token's claims.
      const err = summarizeError(error);
      if (isDataException(error)) {
        // The database refuses the claims themselves: retrying could never help.
        deps.logger.warn({ err }, 'user upsert refused the token claims during handshake');
        return next(handshakeError('UNAUTHORIZED', 'invalid token'));
      }
      deps.logger.error({ err }, 'user upsert failed during handshake');
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
