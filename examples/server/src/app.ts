// The whole reference server: the HTTP side of ./server with its database, demo data and socket.io.
import { conversationPolicyOf } from './conversation-policies';
import { type Database, openDatabase } from './db';
import { pushOptions } from './push';
import { insertSeed } from './seed/insert';
import type { SocketServerDeps, StartServerOptions } from './server';
import {
  type ConversationPolicy,
  type SocketServerHandle,
  loadRedisScaleOut,
  startSocketServer,
} from './socket';

/** What an app embedding the server decides in code rather than in the environment. */
export interface ChatServerOptions {
  /**
   * Who may open a conversation with whom; CONVERSATION_POLICY's when unset (the marketplace's
   * listing rule by default, see `conversationPolicyOf`).
   */
  conversationPolicy?: ConversationPolicy;
}

/** The socket layer over the server's database, with the rate limit and Redis of its config. */
export async function attachChat(
  httpServer: Parameters<typeof startSocketServer>[0],
  deps: SocketServerDeps<Database | undefined>,
  options: ChatServerOptions = {},
): Promise<SocketServerHandle> {
  const { config, db } = deps;
  if (!db) throw new Error('The socket server needs the database');
  return startSocketServer(httpServer, {
    store: db,
    verifyToken: deps.verifyToken,
    verifyAttachment: deps.verifyAttachment,
    conversationPolicy: options.conversationPolicy ?? conversationPolicyOf(config),
    allowedOrigins: (origin) => deps.isOriginAllowed(origin),
    logger: deps.logger,
    rateRules: {
      messages: { capacity: config.rateLimit.messages, windowMs: config.rateLimit.windowMs },
    },
    heartbeat: config.heartbeat,
    admissionLimits: config.admission,
    maxSocketsPerUser: config.maxSocketsPerUser,
    push: pushOptions(config),
    metrics: deps.metrics,
    ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}),
  });
}

/**
 * What `startServer`/`runCli` need to run the complete server: the database (migrations applied),
 * the demo data in development, and the socket.io side.
 */
export function chatServerParts(
  options: ChatServerOptions = {},
): Omit<StartServerOptions<Database>, 'logger'> {
  return {
    openDatabase,
    seedDatabase: async (database) => {
      await insertSeed(database.db);
    },
    prepareSocketServer: async (config) => {
      if (config.redisUrl) await loadRedisScaleOut();
    },
    attachSocketServer: (httpServer, deps) => attachChat(httpServer, deps, options),
  };
}
