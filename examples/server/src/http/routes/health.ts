import { HttpError, sendError, sendJson } from '../respond';
import type { RouteHandler } from './context';

/** `GET /healthz`: the process is up and answering. */
export const health: RouteHandler = ({ res }) => {
  sendJson(res, 200, { status: 'ok' });
};

/** `GET /readyz`: 200 when `ready()` says the server can take traffic, 503 otherwise. */
export const readiness: RouteHandler = async ({ res, deps }) => {
  let ready = false;
  try {
    ready = await deps.ready();
  } catch (error) {
    deps.logger.warn({ err: error }, 'readiness check failed');
  }
  if (ready) sendJson(res, 200, { status: 'ready' });
  else
    sendError(res, new HttpError('UNAVAILABLE', 'Not ready', { headers: { 'retry-after': '1' } }));
};
