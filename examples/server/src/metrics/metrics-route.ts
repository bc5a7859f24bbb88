// GET /metrics: open on a developer's machine, absent elsewhere unless METRICS_TOKEN is set, and
// then only for `Authorization: Bearer <METRICS_TOKEN>`.
import { createHash, timingSafeEqual } from 'node:crypto';
import { readBearerToken } from '../auth/bearer';
import type { ServerConfig } from '../config';
import type { RouteHandler } from '../http/routes/context';
import { HttpError } from '../http/respond';
import type { ServerMetrics } from './metrics';

/** Where the route is served. */
export const METRICS_PATH = '/metrics';

/**
 * The `GET /metrics` handler, or undefined when the route must not exist (outside development
 * without METRICS_TOKEN: a 404, like any unknown path, tells a prober nothing).
 */
export function metricsRoute(
  config: Pick<ServerConfig, 'env' | 'metricsToken'>,
  metrics: Pick<ServerMetrics, 'text' | 'contentType'>,
): RouteHandler | undefined {
  const { metricsToken } = config;
  if (metricsToken === undefined && config.env !== 'development') return undefined;
  const expected = metricsToken === undefined ? undefined : digest(metricsToken);
  return async ({ req, res }) => {
    if (expected && !matches(readBearerToken(req.headers.authorization), expected)) {
      throw new HttpError('UNAUTHORIZED', 'Bearer METRICS_TOKEN required', {
        headers: { 'www-authenticate': 'Bearer realm="metrics"' },
      });
    }
    const body = await metrics.text();
    if (res.headersSent || res.writableEnded) return;
    res.writeHead(200, {
      'content-type': metrics.contentType,
      'content-length': String(Buffer.byteLength(body)),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.end(body);
  };
}

/**
 * Compares in constant time. Both sides are hashed first, so the buffers `timingSafeEqual` needs
 * of equal length always are, and not even the token's length shows in the time taken.
 */
function matches(given: string | undefined, expected: Buffer): boolean {
  return given !== undefined && timingSafeEqual(digest(given), expected);
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
