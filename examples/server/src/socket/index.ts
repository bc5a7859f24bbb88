import type { Server as HttpServer } from 'node:http';
import { MAX_PACKET_BYTES, PRESENCE_OFFLINE_GRACE_MS, SOCKET_PATH } from '@causette/protocol';
import { Server } from 'socket.io';
import { Admission, DEFAULT_ADMISSION_LIMITS } from './admission';
import { registerChatHandlers } from './handlers/chat.handler';
import { type HandlerContext, answerUnknownEvents } from './handlers/context';
import { registerConversationHandlers } from './handlers/conversation.handler';
import { PresenceTracker, registerPresenceHandlers } from './handlers/presence.handler';
import { registerPushHandlers } from './handlers/push.handler';
import { authMiddleware } from './middleware/auth';
import { corsOrigin, originCheck } from './middleware/origin';
import { InMemoryPresenceStore } from './presence-store';
import { InMemoryRateLimiter } from './rate-limiter';
import { connectRedisScaleOut } from './redis-scale-out';
import { scheduleSessionExpiry } from './session-expiry';
import {
  type ChatServer,
  DEFAULT_RATE_RULES,
  type ResolvedDeps,
  type SocketServerDeps,
  userRoom,
} from './types';

export type {
  SocketServerDeps,
  VerifiedIdentity,
  VerifyAttachment,
  VerifyToken,
  RateRules,
} from './types';
export type { ScaleOut } from './types';
export type {
  JoinResult,
  LeaveResult,
  OfflineWindow,
  PresenceStore,
  SettledOffline,
} from './presence-store';
export type { RateLimiter, RateRule, RateDecision } from './rate-limiter';
export type { RedisScaleOut, RedisScaleOutOptions } from './redis-scale-out';
export type { RedisPresenceStoreOptions } from './redis-presence-store';
export type { RedisRateLimiterOptions } from './redis-rate-limiter';
export type { RedisScriptClient } from './redis-script';
export { InMemoryPresenceStore } from './presence-store';
export { InMemoryRateLimiter } from './rate-limiter';
export { RedisPresenceStore } from './redis-presence-store';
export { RedisRateLimiter } from './redis-rate-limiter';
export { DEFAULT_REDIS_KEY_PREFIX, connectRedisScaleOut } from './redis-scale-out';

export interface SocketServerHandle {
  io: ChatServer;
  /**
   * Stops accepting, disconnects every socket, waits for in-flight handlers, stores users still
   * in their offline grace as offline (or, scaled out, leaves them to the other nodes), then
   * closes the scale-out connections. Like `io.close()`, it closes the HTTP server too.
   */
  close(): Promise<void>;
}

function resolve(deps: SocketServerDeps): ResolvedDeps {
  const now = deps.now ?? Date.now;
  return {
    ...deps,
    now,
    presenceStore:
      deps.presenceStore ?? deps.scaleOut?.presenceStore ?? new InMemoryPresenceStore(),
    rateLimiter: deps.rateLimiter ?? deps.scaleOut?.rateLimiter ?? new InMemoryRateLimiter(now),
    rateRules: { ...DEFAULT_RATE_RULES, ...deps.rateRules },
    presenceGraceMs: deps.presenceGraceMs ?? PRESENCE_OFFLINE_GRACE_MS,
    admission: new Admission({ ...DEFAULT_ADMISSION_LIMITS, ...deps.admissionLimits }),
  };
}

/**
 * Serves the Causette protocol (PROTOCOL.md) on `httpServer`. With `scaleOut`, its adapter
 * carries every emit to the other nodes and presence and rate limits are shared.
 */
export function attachSocketServer(
  httpServer: HttpServer,
  options: SocketServerDeps,
): SocketServerHandle {
  const deps = resolve(options);
  const io: ChatServer = new Server(httpServer, {
    path: SOCKET_PATH,
    maxHttpBufferSize: MAX_PACKET_BYTES,
    perMessageDeflate: false,
    ...(deps.heartbeat
      ? { pingInterval: deps.heartbeat.intervalMs, pingTimeout: deps.heartbeat.timeoutMs }
      : {}),
    allowRequest: originCheck(deps.allowedOrigins),
    cors: { origin: corsOrigin(deps.allowedOrigins) },
  });
  if (deps.scaleOut) io.adapter(deps.scaleOut.adapter);
  const inFlight = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>) => {
    const settled = work.catch((error: unknown) =>
      deps.logger.error({ err: error }, 'unhandled socket work'),
    );
    inFlight.add(settled);
    void settled.finally(() => inFlight.delete(settled));
  };
  const presence = new PresenceTracker(io, deps);
  let closing: Promise<void> | undefined;

  io.use(authMiddleware(deps));

  io.on('connection', (socket) => {
    const { userId, expiresAt } = socket.data;
    const ctx: HandlerContext = { io, socket, userId, deps, track };
    void socket.join(userRoom(userId));
    const cancelExpiry = scheduleSessionExpiry(socket, expiresAt, deps.now);
    answerUnknownEvents(ctx);
    registerChatHandlers(ctx);
    registerConversationHandlers(ctx);
    registerPresenceHandlers(ctx);
    registerPushHandlers(ctx);
    // Presence updates are chained per socket so a quick disconnect never overtakes its connect.
    const connected = presence.connected(userId, socket.id);
    track(connected);
    socket.on('disconnect', () => {
      cancelExpiry();
      track(connected.catch(() => undefined).then(() => presence.disconnected(userId, socket.id)));
    });
    socket.on('error', (error) => deps.logger.warn({ err: error, userId }, 'socket error'));
  });

  return {
    io,
    close() {
      closing ??= (async () => {
        // Finish what was accepted, its broadcasts and acks included, while the sockets are still
        // there to hear them; requests arriving meanwhile are refused with UNAVAILABLE and sent
        // again by the clients' outboxes, to the next process.
        deps.admission.close();
        await settle(inFlight);
        // io.close() alone cuts transports and drops what they still had to write (those acks);
        // a socket disconnected first flushes its buffer, then closes. This node's only.
        io.local.disconnectSockets(true);
        await flushed(io);
        await io.close();
        await settle(inFlight);
        await presence.close();
        await deps.scaleOut?.close();
      })();
      return closing;
    },
  };
}

/** Resolves once every transport has closed, or after a second at most. */
async function flushed(io: ChatServer): Promise<void> {
  for (let waited = 0; io.engine.clientsCount > 0 && waited < 1000; waited += 10) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function settle(work: Set<Promise<unknown>>): Promise<void> {
  while (work.size > 0) await Promise.allSettled([...work]);
}

/** Options of {@link startSocketServer}: the socket server's, plus where Redis is. */
export interface StartSocketServerOptions extends Omit<SocketServerDeps, 'scaleOut'> {
  /** REDIS_URL: when set, scale-out through Redis is on. */
  redisUrl?: string;
  /** Prefix of every Redis key and channel (`causette:` by default). */
  redisKeyPrefix?: string;
}

/**
 * {@link attachSocketServer}, connecting to Redis first when `redisUrl` is set (and failing when
 * Redis cannot be reached, like a database that is down at start).
 */
export async function startSocketServer(
  httpServer: HttpServer,
  options: StartSocketServerOptions,
): Promise<SocketServerHandle> {
  const { redisUrl, redisKeyPrefix, ...deps } = options;
  if (!redisUrl) return attachSocketServer(httpServer, deps);
  const scaleOut = await connectRedisScaleOut({
    url: redisUrl,
    logger: deps.logger,
    ...(redisKeyPrefix === undefined ? {} : { keyPrefix: redisKeyPrefix }),
    ...(deps.presenceGraceMs === undefined ? {} : { presenceGraceMs: deps.presenceGraceMs }),
  });
  try {
    return attachSocketServer(httpServer, { ...deps, scaleOut });
  } catch (error) {
    await scaleOut.close();
    throw error;
  }
}
