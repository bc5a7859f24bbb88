// The whole reference server: the HTTP side of ./server with its database, demo data and socket.io.
import { type Database, openDatabase } from './db';
import { insertSeed } from './seed/insert';
import type { SocketServerDeps, StartServerOptions } from './server';
import { type SocketServerHandle, startSocketServer } from './socket';

/** The socket layer over the server's database, with the rate limit and Redis of its config. */
export async function attachChat(
  httpServer: Parameters<typeof startSocketServer>[0],
  deps: SocketServerDeps<Database | undefined>,
): Promise<SocketServerHandle> {
  const { config, db } = deps;
  if (!db) throw new Error('The socket server needs the database');
  return startSocketServer(httpServer, {
    store: db,
    verifyToken: deps.verifyToken,
    verifyAttachment: deps.verifyAttachment,
    allowedOrigins: (origin) => deps.isOriginAllowed(origin),
    logger: deps.logger,
    rateRules: {
      messages: { capacity: config.rateLimit.messages, windowMs: config.rateLimit.windowMs },
    },
    heartbeat: config.heartbeat,
    admissionLimits: config.admission,
    ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}),
  });
}

/**
 * What `startServer`/`runCli` need to run the complete server: the database (migrations applied),
 * the demo data in development, and the socket.io side.
 */
export function chatServerParts(): Omit<StartServerOptions<Database>, 'logger'> {
  return {
    openDatabase,
    seedDatabase: async (database) => {
      await insertSeed(database.db);
    },
    attachSocketServer: attachChat,
  };
}
