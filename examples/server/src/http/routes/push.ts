import { HttpError, sendJson } from '../respond';
import type { RouteHandler } from './context';

/** `GET /push/public-key` → `{ publicKey }`, the VAPID key a browser subscribes with. */
export const pushPublicKey: RouteHandler = ({ res, deps }) => {
  const { vapid } = deps.config;
  if (!vapid) throw new HttpError('NOT_FOUND', 'Web Push is not configured on this server');
  sendJson(res, 200, { publicKey: vapid.publicKey });
};
