import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { VerifyToken } from '../../auth';
import type { ServerConfig } from '../../config';
import type { ServerMetrics } from '../../metrics/metrics';
import type { SeedUser } from '../../seed';
import type { Uploads } from '../../uploads';

/** What the HTTP routes need from the rest of the server, injected so tests can swap any of it. */
export interface HttpDeps {
  config: ServerConfig;
  logger: Logger;
  verifyToken: VerifyToken;
  /** Whether the server can serve traffic (database open, not draining). */
  ready: () => boolean | Promise<boolean>;
  /** The demo users `POST /auth/dev-login` may sign in as (development only). */
  findSeedUser: (id: string) => SeedUser | undefined;
  /** Lists the demo users for `GET /auth/dev-users`; the route is absent without it. */
  listSeedUsers?: () => readonly SeedUser[];
  /** Upload signer, local store and checks; built from `config` when omitted. */
  uploads?: Uploads;
  /** Clock, for tests. */
  now?: () => number;
  /** Served at `GET /metrics` (see `metricsRoute` for who may read it); no route without it. */
  metrics?: Pick<ServerMetrics, 'text' | 'contentType'>;
}

/** One request as a route sees it. */
export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  /** The path without the query string, not percent-decoded. */
  path: string;
  deps: Required<Pick<HttpDeps, 'uploads' | 'now'>> & HttpDeps;
}

export type RouteHandler = (ctx: RouteContext) => Promise<void> | void;
