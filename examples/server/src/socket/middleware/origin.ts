import type { IncomingMessage } from 'node:http';

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
 * engine.io's `allowRequest`: runs before the WebSocket upgrade (CORS does not cover WebSockets)
 * and before any polling handshake. Requests without an Origin (non-browser clients) pass.
 * A refusal is an HTTP 403 whose JSON body's `message` is `ORIGIN_REJECTED`.
 */
export function originCheck(policy: OriginPolicy) {
  return (
    req: IncomingMessage,
    callback: (err: string | null | undefined, success: boolean) => void,
  ): void => {
    const origin = req.headers.origin;
    if (!origin || allows(policy, origin)) callback(null, true);
    else callback('ORIGIN_REJECTED', false);
  };
}

/** The same policy for the CORS headers of socket.io's long-polling requests. */
export function corsOrigin(policy: OriginPolicy) {
  return (origin: string | undefined, callback: (err: Error | null, allow?: boolean) => void) =>
    callback(null, !origin || allows(policy, origin));
}
