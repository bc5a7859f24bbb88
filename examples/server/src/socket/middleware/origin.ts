import type { IncomingMessage } from 'node:http';

/**
 * engine.io's `allowRequest`: runs before the WebSocket upgrade (CORS does not cover WebSockets)
 * and before any polling handshake. Requests without an Origin (non-browser clients) pass.
 * A refusal is an HTTP 403 whose JSON body's `message` is `ORIGIN_REJECTED`.
 */
export function originCheck(allowedOrigins: readonly string[] | null) {
  const allowed = allowedOrigins ? new Set(allowedOrigins) : null;
  return (
    req: IncomingMessage,
    callback: (err: string | null | undefined, success: boolean) => void,
  ): void => {
    const origin = req.headers.origin;
    if (!origin || !allowed || allowed.has(origin)) callback(null, true);
    else callback('ORIGIN_REJECTED', false);
  };
}
