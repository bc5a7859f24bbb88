import type { IncomingMessage, ServerResponse } from 'node:http';
import { METRICS_PATH, metricsRoute } from '../metrics/metrics-route';
import { LOCAL_DELIVERY_PATH, LOCAL_UPLOAD_PATH, createUploads } from '../uploads';
import { summarizeError } from '../logger';
import { dropUnreadBody } from './body';
import { handleCors } from './cors';
import { HttpError, sendError } from './respond';
import type { HttpDeps, RouteContext, RouteHandler } from './routes/context';
import { devLogin, devUsers } from './routes/dev-login';
import { health, readiness } from './routes/health';
import { pushPublicKey } from './routes/push';
import { localImage, localUpload, signUpload } from './routes/uploads';

export type { HttpDeps } from './routes/context';

interface Route {
  method: 'GET' | 'POST';
  /** An exact path, or a prefix when it ends with `/`. */
  path: string;
  handle: RouteHandler;
}

/**
 * Builds the HTTP side of the server: health, readiness, development login, the push key and
 * uploads, with CORS for the allowed origins and JSON errors in the protocol's shape. Returns a
 * plain `(req, res)` listener, to be given to `http.createServer` before socket.io attaches
 * (socket.io then takes `/socket.io/` requests and hands every other one to this listener).
 * Nothing a client sends can make it throw: every failure becomes an error response.
 */
export function createHttpHandler(
  deps: HttpDeps,
): (req: IncomingMessage, res: ServerResponse) => void {
  const full: RouteContext['deps'] = {
    ...deps,
    uploads: deps.uploads ?? createUploads(deps.config),
    now: deps.now ?? Date.now,
  };
  const routes = buildRoutes(full);

  return (req, res) => {
    // A client that goes away mid-request must not become an unhandled 'error' event.
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    void dispatch(req, res, routes, full).catch((error: unknown) => {
      // The path without its query, and the error's summary: either may quote the request.
      const path = (req.url ?? '').split('?')[0];
      full.logger.error({ err: summarizeError(error), method: req.method, path }, 'request failed');
      if (!res.headersSent) sendError(res, new HttpError('INTERNAL', 'Internal error'));
      else res.destroy();
    });
  };
}

function buildRoutes(deps: RouteContext['deps']): Route[] {
  const routes: Route[] = [
    { method: 'GET', path: '/healthz', handle: health },
    { method: 'GET', path: '/readyz', handle: readiness },
    { method: 'GET', path: '/push/public-key', handle: pushPublicKey },
    { method: 'POST', path: '/uploads/sign', handle: signUpload },
  ];
  if (deps.config.env === 'development') {
    routes.push({ method: 'POST', path: '/auth/dev-login', handle: devLogin });
    if (deps.listSeedUsers)
      routes.push({ method: 'GET', path: '/auth/dev-users', handle: devUsers });
  }
  const metrics = deps.metrics && metricsRoute(deps.config, deps.metrics);
  if (metrics) routes.push({ method: 'GET', path: METRICS_PATH, handle: metrics });
  if (deps.uploads.store) {
    routes.push(
      { method: 'POST', path: LOCAL_UPLOAD_PATH, handle: localUpload },
      { method: 'GET', path: `${LOCAL_DELIVERY_PATH}/`, handle: localImage },
    );
  }
  return routes;
}

async function dispatch(
  req: IncomingMessage,
  res: ServerResponse,
  routes: Route[],
  deps: RouteContext['deps'],
) {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  const matching = routes.filter((route) =>
    route.path.endsWith('/') ? path.startsWith(route.path) : path === route.path,
  );
  if (matching.length === 0) {
    sendError(res, new HttpError('NOT_FOUND', `No route for ${path}`));
    return;
  }
  if (!handleCors(req, res, deps.config.allowedOrigins)) return;
  // HEAD is answered as GET without a body (node:http drops the body of a HEAD response).
  const method = req.method === 'HEAD' ? 'GET' : req.method;
  const route = matching.find((r) => r.method === method);
  if (!route) {
    const allow = [
      ...new Set(matching.flatMap((r) => (r.method === 'GET' ? ['GET', 'HEAD'] : [r.method]))),
    ];
    sendError(
      res,
      new HttpError('INVALID', `${req.method ?? ''} is not allowed on ${path}`, {
        status: 405,
        headers: { allow: [...allow, 'OPTIONS'].join(', ') },
      }),
    );
    return;
  }
  try {
    await route.handle({ req, res, path, deps });
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    sendError(res, error);
    dropUnreadBody(req);
  }
}
