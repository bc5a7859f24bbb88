import type { Server as HttpServer } from 'node:http';
import { MAX_PACKET_BYTES, PRESENCE_OFFLINE_GRACE_MS, SOCKET_PATH } from '@causette/protocol';
import { Server } from 'socket.io';
import { type MetricsRecorder, NO_METRICS } from '../metrics/metrics';
import { Admission, DEFAULT_ADMISSION_LIMITS } from './admission';
import { chatNotifications, chatRequests } from './handlers/chat.handler';
import { type EventHandlers, type HandlerContext, serveEvents } from './handlers/context';
import { conversationRequests } from './handlers/conversation.handler';
import { PresenceTracker, presenceRequests } from './handlers/presence.handler';
import { pushRequests } from './handlers/push.handler';
import { authMiddleware } from './middleware/auth';
import { corsOrigin, originMiddleware } from './middleware/origin';
import { InMemoryPresenceStore } from './presence-store';
import { InMemoryRateLimiter } from './rate-limiter';
import type * as RedisScaleOutModule from './redis-scale-out';
import { scheduleSessionExpiry } from './session-expiry';
import { DEFAULT_MAX_SOCKETS_PER_USER, UserSocketQuota } from './user-socket-quota';
import {
  type ChatServer,
  type ChatSocket,
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
  ConversationOpenAttempt,
  ConversationPolicy,
  FindListing,
  ListingParties,
} from './conversation-policy';
export { listingConversationPolicy, openConversationPolicy } from './conversation-policy';
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

export interface SocketServerHandle {
  io: ChatServer;
  /**
   * Stops accepting, disconnects every socket, waits for in-flight handlers, stores users still
   * in their offline grace as offline (or, scaled out, leaves them to the other nodes), then
   * closes the scale-out connections. Like `io.close()`, it closes the HTTP server too.
   */
  close(): Promise<void>;
}

/** Every event a client may send, served the same way on every socket. */
const EVENT_HANDLERS: EventHandlers = {
  requests: { ...chatRequests, ...conversationRequests, ...presenceRequests, ...pushRequests },
  notifications: chatNotifications,
};

function resolve(deps: SocketServerDeps): ResolvedDeps {
  const now = deps.now ?? Date.now;
  const resolved = {
    ...deps,
    now,
    presenceStore:
      deps.presenceStore ?? deps.scaleOut?.presenceStore ?? new InMemoryPresenceStore(),
    rateLimiter: deps.rateLimiter ?? deps.scaleOut?.rateLimiter ?? new InMemoryRateLimiter(now),
    rateRules: { ...DEFAULT_RATE_RULES, ...deps.rateRules },
    presenceGraceMs: deps.presenceGraceMs ?? PRESENCE_OFFLINE_GRACE_MS,
    admission: new Admission({ ...DEFAULT_ADMISSION_LIMITS, ...deps.admissionLimits }),
    socketQuota: new UserSocketQuota(deps.maxSocketsPerUser ?? DEFAULT_MAX_SOCKETS_PER_USER),
    metrics: deps.metrics ?? NO_METRICS,
  };
  const notifier = deps.push?.notifier?.(resolved);
  const allowPrivateEndpoints = deps.push?.allowPrivateEndpoints ?? false;
  return { ...resolved, push: { allowPrivateEndpoints, ...(notifier ? { notifier } : {}) } };
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
    // Still the gate for reading long-polling answers: a page of a refused origin can read none.
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

  // The origin first: a refused page gets ORIGIN_REJECTED before its token is looked at.
  io.use(countRefusals(originMiddleware(deps.allowedOrigins), deps.metrics));
  io.use(countRefusals(authMiddleware(deps), deps.metrics));

  io.on('connection', (socket) => {
    const { userId, expiresAt } = socket.data;
    const ctx: HandlerContext = { io, socket, userId, deps, track };
    void socket.join(userRoom(userId));
    const cancelExpiry = scheduleSessionExpiry(socket, expiresAt, deps.now);
    deps.metrics.socketConnected();
    serveEvents(ctx, EVENT_HANDLERS);
    // Presence updates are chained per socket so a quick disconnect never overtakes its connect.
    const connected = presence.connected(userId, socket.id);
    track(connected);
    socket.on('disconnect', () => {
      cancelExpiry();
      deps.metrics.socketDisconnected();
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
        await deps.push.notifier?.close();
        await presence.close();
        await deps.scaleOut?.close();
      })();
      return closing;
    },
  };
}

type Middleware = (socket: ChatSocket, next: (err?: Error) => void) => unknown;

/** `middleware` with each handshake it refuses counted by its `connect_error` code. */
function countRefusals(middleware: Middleware, metrics: MetricsRecorder): Middleware {
  return (socket, next) =>
    middleware(socket, (err) => {
      if (err) metrics.handshakeRefused((err as { data?: { code?: unknown } }).data?.code);
      next(err);
    });
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
 * The Redis scale-out module, loaded on demand: the redis client and adapter are a third of a
 * start-up (0.3 s of the built server), a server without Redis included. `prepareSocketServer`
 * loads it before the server listens, so attaching does not wait for it.
 */
export function loadRedisScaleOut(): Promise<typeof RedisScaleOutModule> {
  return import('./redis-scale-out');
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
  const { connectRedisScaleOut } = await loadRedisScaleOut();
  const scaleOut = await connectRedisScaleOut({
    url: redisUrl,
    logger: deps.logger,
    ...(redisKeyPrefix === undefined ? {} : { keyPrefix: redisKeyPrefix }),
    ...(deps.presenceGraceMs === undefined ? {} : { presenceGraceMs: deps.presenceGraceMs }),
    ...(deps.metrics ? { onCommand: deps.metrics.redisCommand.bind(deps.metrics) } : {}),
  });
  try {
    return attachSocketServer(httpServer, { ...deps, scaleOut });
  } catch (error) {
    await scaleOut.close();
    throw error;
  }
}
