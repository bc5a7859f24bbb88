import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AllowedOrigins } from '../config';
import { isOriginAllowed } from './origins';
import { HttpError, sendError } from './respond';

const ALLOWED_METHODS = 'GET, HEAD, POST, OPTIONS';
// Browsers cache a preflight this long (Chromium caps it at 2 hours).
const PREFLIGHT_MAX_AGE_SECONDS = '600';

/**
 * Applies CORS for `allowed`. Answers preflights itself and refuses a request whose `Origin` is
 * not allowed (`403 FORBIDDEN`) rather than merely withholding the headers, so a cross-site page
 * cannot even trigger a side effect. Returns whether the request should go on to its route.
 * Tokens travel in `Authorization`, never in cookies, so credentials are not allowed.
 */
export function handleCors(
  req: IncomingMessage,
  res: ServerResponse,
  allowed: AllowedOrigins,
): boolean {
  const origin = req.headers.origin;
  res.setHeader('vary', 'Origin');
  if (!isOriginAllowed(allowed, origin)) {
    sendError(
      res,
      new HttpError('FORBIDDEN', `Origin ${origin ?? ''} is not allowed (ORIGIN_REJECTED)`),
    );
    return false;
  }
  if (origin !== undefined) res.setHeader('access-control-allow-origin', origin);
  const preflight =
    req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
  if (!preflight) return true;
  res.writeHead(204, {
    'access-control-allow-methods': ALLOWED_METHODS,
    'access-control-allow-headers': 'authorization, content-type',
    'access-control-max-age': PREFLIGHT_MAX_AGE_SECONDS,
    'content-length': '0',
  });
  res.end();
  return false;
}
