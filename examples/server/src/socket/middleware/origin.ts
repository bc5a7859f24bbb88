import type { ChatSocket } from '../types';
import { handshakeError } from './auth';

/**
 * Which browser origins may connect: a list, a predicate (the server's `ALLOWED_ORIGINS`
 * policy, which can mean "any localhost origin"), or `null` for every origin.
 */
export type OriginPolicy = readonly string[] | ((origin: string) => boolean) | null;

function allows(policy: OriginPolicy, origin: string): boolean {
  if (policy === null) return true;
  if (typeof policy === 'function') return policy(origin);
  return policy.includes(origin);
}

/**
 * The socket.io middleware that refuses a page of an origin the policy does not allow, with
 * `connect_error` ORIGIN_REJECTED, before its token is read. Requests without an Origin
 * (non-browser clients) pass.
 *
 * It runs after the engine.io handshake instead of refusing that handshake (an HTTP 403 from
 * `allowRequest`), because a refused HTTP request reaches the client as a bare transport error: a
 * browser shows no status for a WebSocket, so a client could not tell it from a network failure
 * and would retry without end. What a refused page gets meanwhile, an engine.io session, is what
 * any client without an Origin gets; it carries no credential, as none is ambient (the token is
 * sent by the client), and CORS still keeps long-polling answers from other origins unreadable.
 */
export function originMiddleware(policy: OriginPolicy) {
  return (socket: ChatSocket, next: (err?: Error) => void): void => {
    const { origin } = socket.handshake.headers;
    if (!origin || allows(policy, origin)) next();
    else next(handshakeError('ORIGIN_REJECTED', 'origin not allowed'));
  };
}

/** The same policy for the CORS headers of socket.io's long-polling requests. */
export function corsOrigin(policy: OriginPolicy) {
  return (origin: string | undefined, callback: (err: Error | null, allow?: boolean) => void) =>
    callback(null, !origin || allows(policy, origin));
}
