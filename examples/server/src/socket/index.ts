import type { Server as HttpServer } from 'node:http';
import { MAX_PACKET_BYTES, PRESENCE_OFFLINE_GRACE_MS, SOCKET_PATH } from '@causette/protocol';
import { Server } from 'socket.io';
import { registerChatHandlers } from './handlers/chat.handler';
import { type HandlerContext, answerUnknownEvents } from './handlers/context';
import { registerConversationHandlers } from './handlers/conversation.handler';
import { PresenceTracker, registerPresenceHandlers } from './handlers/presence.handler';
import { registerPushHandlers } from './handlers/push.handler';
import { authMiddleware } from './middleware/auth';
import { originCheck } from './middleware/origin';
import { InMemoryPresenceStore } from './presence-store';
import { InMemoryRateLimiter } from './rate-limiter';
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
export type { PresenceStore } from './presence-store';
export type { RateLimiter, RateRule, RateDecision } from './rate-limiter';
export { InMemoryPresenceStore } from './presence-store';
export { InMemoryRateLimiter } from './rate-limiter';

export interface SocketServerHandle {
  io: ChatServer;
  /**
   * Stops accepting, disconnects every socket, waits for in-flight handlers, stores users still
   * in their offline grace as offline. Like `io.close()`, it closes the HTTP server too.
   */
  close(): Promise<void>;
}

function resolve(deps: SocketServerDeps): ResolvedDeps {
  const now = deps.now ?? Date.now;
  return {
    ...deps,
    now,
    presenceStore: deps.presenceStore ?? new InMemoryPresenceStore(),
    rateLimiter: deps.rateLimiter ?? new InMemoryRateLimiter(now),
    rateRules: { ...DEFAULT_RATE_RULES, ...deps.rateRules },
    presenceGraceMs: deps.presenceGraceMs ?? PRESENCE_OFFLINE_GRACE_MS,
  };
}

/** Serves the Causette protocol (PROTOCOL.md) on `httpServer`. */
export function attachSocketServer(
  httpServer: HttpServer,
  options: SocketServerDeps,
): SocketServerHandle {
  const deps = resolve(options);
  const io: ChatServer = new Server(httpServer, {
    path: SOCKET_PATH,
    maxHttpBufferSize: MAX_PACKET_BYTES,
    perMessageDeflate: false,
    allowRequest: originCheck(deps.allowedOrigins),
    cors: { origin: deps.allowedOrigins ?? true },
  });
  const inFlight = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>) => {
    const settled = work.catch((error: unknown) =>
      deps.logger.error({ err: error }, 'unhandled socket work'),
    );
    inFlight.add(settled);
    void settled.finally(() => inFlight.delete(settled));
  };
  const presence = new PresenceTracker(io, deps);

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
    async close() {
      await io.close();
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      await presence.close();
    },
  };
}
