import { isAuthError, readBearerToken } from '../../auth';
import { LOCAL_DELIVERY_PATH } from '../../uploads';
import { summarizeError } from '../../logger';
import { handleLocalUpload } from '../../uploads/local-upload-route';
import { serveLocalImage } from '../../uploads/local-serve-route';
import { HttpError, sendJson } from '../respond';
import type { RouteHandler } from './context';

/** `POST /uploads/sign` (Bearer token) → the signed parameters for one direct upload. */
export const signUpload: RouteHandler = async ({ req, res, deps }) => {
  const token = readBearerToken(req.headers.authorization);
  if (!token) throw unauthorized('A Bearer token is required');
  let userId: string;
  try {
    ({ userId } = await deps.verifyToken(token));
  } catch (error) {
    if (isAuthError(error)) throw unauthorized(error.message, error.code === 'TOKEN_EXPIRED');
    throw error;
  }
  sendJson(res, 200, deps.uploads.signUpload(userId, deps.now()));
};

/** `POST /uploads/local/image/upload`: the local store's Cloudinary-compatible upload API. */
export const localUpload: RouteHandler = async ({ req, res, deps }) => {
  const { store, target } = deps.uploads;
  if (!store) throw new HttpError('NOT_FOUND', 'Uploads go to Cloudinary on this server');
  await handleLocalUpload(req, res, {
    target,
    store,
    now: deps.now,
    onError: (error) => deps.logger.error({ err: summarizeError(error) }, 'local upload failed'),
  });
};

/** `GET /uploads/local/image/upload/v<version>/<public_id>.<format>`: a stored image. */
export const localImage: RouteHandler = async ({ req, res, path, deps }) => {
  const { store } = deps.uploads;
  if (!store) throw new HttpError('NOT_FOUND', 'Not found');
  await serveLocalImage(req, res, store, path.slice(LOCAL_DELIVERY_PATH.length + 1));
};

function unauthorized(message: string, expired = false): HttpError {
  const description = expired ? 'The token has expired' : message;
  return new HttpError('UNAUTHORIZED', message, {
    headers: {
      'www-authenticate': `Bearer error="invalid_token", error_description="${description.replace(/"/g, "'")}"`,
    },
  });
}
