import { idSchema } from '@causette/protocol/schemas';
import { z } from 'zod';
import { signDevToken } from '../../auth';
import type { SeedUser } from '../../seed';
import { readJsonBody } from '../body';
import { HttpError, sendJson } from '../respond';
import type { RouteHandler } from './context';

const MAX_BODY_BYTES = 4 * 1024;
const bodySchema = z.object({ userId: idSchema });

/** A demo user as the dev routes show it (the protocol's member naming). */
function describe(user: SeedUser) {
  return {
    userId: user.id,
    displayName: user.displayName,
    role: user.role,
    ...(user.avatarUrl ? { avatarUrl: user.avatarUrl } : {}),
  };
}

/**
 * `POST /auth/dev-login { userId }` → `{ token, expiresAt, user }` for a seeded demo user. The
 * handler mounts it only in development; it also checks again, so a wiring mistake cannot open
 * it in production.
 */
export const devLogin: RouteHandler = async ({ req, res, deps }) => {
  if (deps.config.env !== 'development') throw new HttpError('NOT_FOUND', 'Not found');
  if (deps.config.jwt.algorithm !== 'HS256') {
    throw new HttpError(
      'NOT_FOUND',
      'Development login needs JWT_SECRET: this server verifies tokens with a public key',
    );
  }
  const parsed = bodySchema.safeParse(await readJsonBody(req, MAX_BODY_BYTES));
  if (!parsed.success)
    throw new HttpError('INVALID', 'userId: expected a user id (1 to 128 characters)');
  const user = deps.findSeedUser(parsed.data.userId);
  if (!user) throw new HttpError('NOT_FOUND', `No demo user ${parsed.data.userId}`);
  const { token, expiresAt } = await signDevToken(deps.config, { ...user }, deps.now());
  sendJson(res, 200, { token, expiresAt, user: describe(user) });
};

/** `GET /auth/dev-users` → `{ users }`, the demo users a login page can offer (development only). */
export const devUsers: RouteHandler = ({ res, deps }) => {
  if (deps.config.env !== 'development' || !deps.listSeedUsers)
    throw new HttpError('NOT_FOUND', 'Not found');
  sendJson(res, 200, { users: deps.listSeedUsers().map(describe) });
};
