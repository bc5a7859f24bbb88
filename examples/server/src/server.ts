import { mkdir } from 'node:fs/promises';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createTokenVerifier, type VerifyToken } from './auth';
import type { ServerConfig } from './config';
import { createHttpHandler, isOriginAllowed } from './http';
import { createLogger } from './logger';
import { type ServerMetrics, createServerMetrics } from './metrics';
import { findSeedUser, seedUsers } from './seed';
import { createUploads, type VerifyAttachment } from './uploads';

/** Anything the server must close on shutdown. */
export interface Closable {
  close(): Promise<void> | void;
}

/** What `openDatabase` receives (the db/socket engineer's `src/db`). */
export interface DatabaseOptions {
  /** PostgreSQL when set. */
  databaseUrl?: string;
  /** PGlite folder (made with its parents when missing), or `memory://`, when `databaseUrl` is unset. */
  pgliteDir: string;
  /** Most PostgreSQL connections this process opens at once (`DATABASE_POOL_SIZE`). */
  poolSize?: number;
  /** To call as each statement is answered, with `performance.now()` read when it was sent. */
  onQuery?: (startedAt: number) => void;
  /** PGlite: to call when a periodic checkpoint fails (the next one is tried later). */
  onCheckpointError?: (error: unknown) => void;
}

/** A database handle; `isReady` (optional) feeds `GET /readyz`. */
export interface DatabaseHandle extends Closable {
  isReady?: () => boolean | Promise<boolean>;
}

/** What `attachSocketServer` receives besides the http server. */
export interface SocketServerDeps<Db> {
  config: ServerConfig;
  logger: Logger;
  verifyToken: VerifyToken;
  /** Whether an IMAGE attachment's URL is one this server vouches for. */
  verifyAttachment: VerifyAttachment;
  /** The Origin allowlist, checked in the socket handshake (CORS does not cover WebSocket). */
  isOriginAllowed: (origin: string | undefined) => boolean;
  db: Db;
  /** Where the socket layer counts what it does (GET /metrics). */
  metrics: ServerMetrics;
}

/** What `attachSocketServer` returns; `close()` lets in-flight events finish, then disconnects. */
export interface SocketServerHandle extends Closable {
  io: unknown;
}

/** The pieces other modules provide; all optional, so the HTTP side runs on its own. */
export interface StartServerOptions<Db extends DatabaseHandle> {
  logger?: Logger;
  // INTEGRATION POINT (src/db): `openDatabase({ databaseUrl, pgliteDir })`, migrations applied.
  openDatabase?: (options: DatabaseOptions) => Promise<Db>;
  // INTEGRATION POINT (src/db): insert the demo data of `src/seed` (once; ids are stable), run in
  // development only, e.g. `(db) => insertSeed(db, { users: seedUsers, listings: seedListings,
  // conversations: seedConversations(Date.now()), presence: seedPresence(Date.now()) })`.
  seedDatabase?: (db: Db) => Promise<void>;
  // INTEGRATION POINT (src/socket): `startSocketServer(httpServer, { ...deps, redisUrl:
  // config.redisUrl })` (Redis scale-out on when REDIS_URL is set; it is async for the Redis
  // connection). It is called after the HTTP handler is installed, which socket.io requires to
  // route non-socket requests to it.
  attachSocketServer?: (
    httpServer: HttpServer,
    deps: SocketServerDeps<Db | undefined>,
  ) => SocketServerHandle | Promise<SocketServerHandle>;
  /**
   * Work `attachSocketServer` needs done before the server listens, so that nothing waits on it
   * once connections come: the chat server loads its Redis client here when REDIS_URL is set.
   */
  prepareSocketServer?: (config: ServerConfig) => Promise<void>;
  /** The server's metrics (GET /metrics); a new set on a registry of its own when omitted. */
  metrics?: ServerMetrics;
}

/** A listening server. */
export interface RunningServer {
  /** Where it listens, e.g. `http://127.0.0.1:3001` (the real port when PORT=0). */
  url: string;
  port: number;
  httpServer: HttpServer;
  /** The configuration in effect (PUBLIC_URL follows the real port when PORT=0). */
  config: ServerConfig;
  /** What `GET /metrics` serves. */
  metrics: ServerMetrics;
  /**
   * Drains: readiness turns 503, no new connection is accepted, in-flight requests and socket
   * events finish (up to `shutdownTimeoutMs`, then connections are cut), the database closes.
   */
  close(): Promise<void>;
}

/** Builds and starts the server: database, HTTP routes, socket.io, in that order. */
export async function startServer<Db extends DatabaseHandle = DatabaseHandle>(
  config: ServerConfig,
  options: StartServerOptions<Db> = {},
): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const metrics = options.metrics ?? createServerMetrics();
  // `.data/` is not in git: the folders this server writes to are made here, parents included
  // (the database's own folder is made where it is opened, by `openDatabase`).
  if (!config.cloudinary) await mkdir(config.uploads.dir, { recursive: true });
  const db = options.openDatabase
    ? await options.openDatabase({
        ...(config.database.url ? { databaseUrl: config.database.url } : {}),
        pgliteDir: config.database.pgliteDir,
        poolSize: config.database.poolSize,
        onQuery: (startedAt) => metrics.dbQuery(startedAt),
        onCheckpointError: (error) => logger.warn({ err: error }, 'PGlite checkpoint failed'),
      })
    : undefined;
  try {
    if (db && options.seedDatabase && config.env === 'development') await options.seedDatabase(db);
    await options.prepareSocketServer?.(config);
    return await listen(config, logger, db, { ...options, metrics });
  } catch (error) {
    await db?.close();
    throw error;
  }
}

async function listen<Db extends DatabaseHandle>(
  configured: ServerConfig,
  logger: Logger,
  db: Db | undefined,
  options: StartServerOptions<Db> & { metrics: ServerMetrics },
): Promise<RunningServer> {
  const { metrics } = options;
  const httpServer = createServer();
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(configured.port, configured.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const { port } = httpServer.address() as AddressInfo;
  const config = withRealPort(configured, port);
  let draining = false;
  // Not ready until the socket layer is attached (with REDIS_URL it connects first): a load
  // balancer, or `pnpm dev` waiting for the banner, must not take a half-started server for up.
  let attached = false;
  let socket: SocketServerHandle | undefined;
  try {
    const verifyToken = createTokenVerifier(config);
    const uploads = createUploads(config);
    httpServer.on(
      'request',
      createHttpHandler({
        config,
        logger,
        verifyToken,
        uploads,
        ready: async () => attached && !draining && (db?.isReady ? await db.isReady() : true),
        findSeedUser,
        listSeedUsers: () => seedUsers,
        metrics,
      }),
    );
    socket = await options.attachSocketServer?.(httpServer, {
      config,
      logger,
      verifyToken,
      verifyAttachment: uploads.verifyAttachment,
      isOriginAllowed: (origin) => isOriginAllowed(config.allowedOrigins, origin),
      db,
      metrics,
    });
    attached = true;
  } catch (error) {
    httpServer.close();
    throw error;
  }
  const host = configured.host.includes(':') ? `[${configured.host}]` : configured.host;
  const url = `http://${host}:${port}`;
  logger.info(
    { url, publicUrl: config.publicUrl, env: config.env },
    `Causette server listening on ${url}`,
  );

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      draining = true;
      await drain(httpServer, socket, config.shutdownTimeoutMs, logger);
      await db?.close();
      logger.info('Causette server stopped');
    })();
    return closing;
  };
  return { url, port, httpServer, config, metrics, close };
}

/** Stops accepting, lets the socket layer and in-flight requests finish, cuts what remains at the deadline. */
async function drain(
  httpServer: HttpServer,
  socket: Closable | undefined,
  timeoutMs: number,
  logger: Logger,
) {
  const closed = new Promise<void>((resolve) => {
    if (!httpServer.listening) resolve();
    httpServer.once('close', () => resolve());
  });
  // socket.io's own close() closes the http server too; a second close() is harmless here.
  httpServer.close(() => undefined);
  httpServer.closeIdleConnections();
  // A keep-alive connection whose request finishes during the drain turns idle later; close it
  // then rather than waiting for its keep-alive timeout.
  const sweeper = setInterval(() => httpServer.closeIdleConnections(), 250);
  sweeper.unref();
  void closed.then(() => clearInterval(sweeper));
  const deadline = new Promise<'timeout'>((resolve) =>
    setTimeout(resolve, timeoutMs, 'timeout').unref(),
  );
  try {
    await Promise.race([Promise.resolve(socket?.close()), deadline]);
  } catch (error) {
    logger.error({ err: error }, 'socket server failed to close cleanly');
  }
  if ((await Promise.race([closed, deadline])) === 'timeout') {
    logger.warn('shutdown deadline reached; closing remaining connections');
    httpServer.closeAllConnections();
    await closed;
  }
}

/** With PORT=0 the default PUBLIC_URL names port 0; point it at the port actually bound. */
function withRealPort(config: ServerConfig, port: number): ServerConfig {
  const url = new URL(config.publicUrl);
  if (url.port !== '0') return config;
  url.port = String(port);
  return { ...config, port, publicUrl: url.href.replace(/\/+$/, '') };
}
