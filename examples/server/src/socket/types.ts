import type { Admission, AdmissionLimits } from './admission';
import type {
  ClientToServerEvents,
  ImageAttachment,
  ServerToClientEvents,
} from '@causette/protocol';
import type { Logger } from 'pino';
import type { Server, ServerOptions, Socket } from 'socket.io';
import type { MetricsRecorder } from '../metrics/metrics';
import type { PushNotifier, PushOptions } from '../push';
import type { Store } from '../services/store';
import type { ConversationPolicy } from './conversation-policy';
import type { OriginPolicy } from './middleware/origin';
import type { PresenceStore } from './presence-store';
import type { RateLimiter, RateRule } from './rate-limiter';
import type { UserSocketQuota } from './user-socket-quota';

/** What the auth module's `verifyToken` resolves to. */
export interface VerifiedIdentity {
  userId: string;
  displayName: string;
  avatarUrl?: string;
  role?: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

/** Verifies a JWT; rejects with an error whose `code` is `UNAUTHORIZED` or `TOKEN_EXPIRED`. */
export type VerifyToken = (token: string) => Promise<VerifiedIdentity>;

/**
 * Whether the server vouches for an image attachment sent by `senderId`: an URL of its uploads,
 * and one of the sender's own. May reject with a `ServiceError` (`INVALID`) saying why.
 */
export type VerifyAttachment = (attachment: ImageAttachment, senderId: string) => Promise<boolean>;

/** Per-user budgets: messages sent, typing notifications, and every other request. */
export interface RateRules {
  messages: RateRule;
  typing: RateRule;
  requests: RateRule;
}

export const DEFAULT_RATE_RULES: RateRules = {
  messages: { capacity: 20, windowMs: 10_000 },
  typing: { capacity: 10, windowMs: 10_000 },
  requests: { capacity: 100, windowMs: 10_000 },
};

/**
 * What lets several processes act as one (the Redis one is `connectRedisScaleOut`): the Socket.io
 * adapter that carries emits between nodes, and the stores every node shares.
 */
export interface ScaleOut {
  /** Installed with `io.adapter()`. */
  adapter: NonNullable<ServerOptions['adapter']>;
  presenceStore: PresenceStore;
  rateLimiter: RateLimiter;
  /** Releases the connections; called by the socket server's `close()`, after everything else. */
  close(): Promise<void>;
}

export interface SocketServerDeps {
  store: Store;
  verifyToken: VerifyToken;
  verifyAttachment: VerifyAttachment;
  /**
   * Who may open a conversation with whom (`conversation:open`); no default, so that an embedding
   * app decides (`listingConversationPolicy`, its own, or `openConversationPolicy` for tests).
   */
  conversationPolicy: ConversationPolicy;
  /** `null` allows every Origin; requests without an Origin header are always allowed. */
  allowedOrigins: OriginPolicy;
  logger: Logger;
  /**
   * Scale-out across processes (adapter and shared stores). The socket server owns it from then
   * on: its `close()` closes it. `presenceStore` and `rateLimiter`, when given, still win.
   */
  scaleOut?: ScaleOut;
  presenceStore?: PresenceStore;
  rateLimiter?: RateLimiter;
  rateRules?: Partial<RateRules>;
  /** Delay before a user whose last socket left is announced offline (PRESENCE_OFFLINE_GRACE_MS). */
  presenceGraceMs?: number;
  /** socket.io's ping interval and timeout; socket.io's defaults (25 s, 20 s) otherwise. */
  heartbeat?: { intervalMs: number; timeoutMs: number };
  /** Bounds on the work accepted at once; past them requests get `UNAVAILABLE`. */
  admissionLimits?: Partial<AdmissionLimits>;
  /**
   * Sockets one user may hold open on this process (MAX_SOCKETS_PER_USER, 20 by default); one
   * more handshake is refused with `OVERLOADED`.
   */
  maxSocketsPerUser?: number;
  /** Clock, for tests. */
  now?: () => number;
  /** Web Push: the endpoint policy, and the sender when there are VAPID keys (none sent otherwise). */
  push?: PushOptions;
  /** Where connections, answers, refusals and pushes are counted (GET /metrics); none by default. */
  metrics?: MetricsRecorder;
}

/** Deps with every default filled in. */
export interface ResolvedDeps extends Required<
  Omit<
    SocketServerDeps,
    'rateRules' | 'scaleOut' | 'heartbeat' | 'admissionLimits' | 'maxSocketsPerUser' | 'push'
  >
> {
  push: { allowPrivateEndpoints: boolean; notifier?: PushNotifier };
  rateRules: RateRules;
  admission: Admission;
  socketQuota: UserSocketQuota;
  scaleOut?: ScaleOut;
  heartbeat?: SocketServerDeps['heartbeat'];
}

/** What the auth middleware leaves on `socket.data`. */
export interface SocketData {
  userId: string;
  displayName: string;
  expiresAt: number;
}

export type ChatServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
export type ChatSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

/** The room every socket of a user joins: emits go to rooms so an adapter can span nodes. */
export function userRoom(userId: string): string {
  return `user:${userId}`;
}
