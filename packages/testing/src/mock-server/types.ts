import type {
  Conversation,
  ErrorCode,
  Message,
  Presence,
  PushSubscriptionJSON,
  RequestEventName,
  ServerEventName,
  ServerEventPayloads,
} from '@causette/protocol';
import type { ImageFormat } from '@causette/protocol';
import type { RequestHandler, WebSocketHandler } from 'msw';
import type { FixtureUser } from '../fixtures';
import type { MockClientOptions } from './client-options';
import type { MockSeedConversation } from './state/seed';

/** Options of {@link createMockChatServer}; every one has a default. */
export interface MockChatServerOptions {
  /**
   * The URL clients pass to `io()`, default `http://chat.test`. The mock intercepts the WebSocket
   * socket.io opens there (`ws://chat.test/socket.io/?EIO=4&transport=websocket`).
   */
  url?: string;
  /** Users who may connect (default {@link fixtureUsers}). */
  users?: readonly FixtureUser[];
  /**
   * Conversations with their history (default: the marketplace seed, where `c-lyon-t2` holds 120
   * messages between Alice and Bruno, `c-croix-rousse` 5 between Alice and Chloé, `c-reze-maison`
   * 3 between Alice and Bruno; Bruno and Chloé share no conversation). Pass `[]` for none.
   */
  seed?: readonly MockSeedConversation[];
  /** Clock in ms since the epoch (default `Date.now`); stamps messages, tokens and presence. */
  now?: () => number;
  /** Delay before a user whose last socket left is announced offline (default 5000 ms). */
  presenceGraceMs?: number;
  /** Largest image the upload routes accept, in bytes (default `MAX_IMAGE_BYTES`, 10 MB). */
  uploadMaxBytes?: number;
}

/** An image stored by the mock's upload routes. */
export interface MockUploadedImage {
  publicId: string;
  /** Where it is served (`GET`), as the upload's `secure_url`. */
  url: string;
  format: ImageFormat;
  width: number;
  height: number;
  bytes: number;
  /** Cloudinary's `version` (upload time in seconds). */
  version: number;
  /** Who signed the upload. */
  userId: string;
  /** ISO 8601. */
  uploadedAt: string;
}

/** The error `failNextUpload` answers an upload with, in Cloudinary's shape. */
export interface MockUploadFailure {
  /** HTTP status (default 400, a permanent refusal; 5xx is transient for the client). */
  status?: number;
  /** Default `"injected by the mock server"`. */
  message?: string;
}

/** Options of {@link MockChatServer.tokenFor}. */
export interface MockTokenOptions {
  /** Lifetime from `now` (default one hour); negative for an already expired token. */
  expiresInMs?: number;
  /** `name` claim (default the user's display name). */
  name?: string;
}

/** One event a client sent, as the mock received it. */
export interface ReceivedEvent {
  event: string;
  /** The first argument, unvalidated. */
  payload: unknown;
  userId: string;
  /** The engine.io session id of the socket it came on. */
  socketId: string;
  /** Whether the client asked for an ack. */
  withAck: boolean;
  /** When it arrived, by the server's clock (ms since the epoch). */
  at: number;
}

/** The error `failNext` answers with. */
export interface MockFailure {
  code: ErrorCode;
  /** Default `"injected by the mock server"`. */
  message?: string;
  retryAfterMs?: number;
}

/** Options of {@link MockChatServer.disconnectUser}. */
export interface DisconnectOptions {
  /**
   * `'server'` (default): like socket.io's `socket.disconnect(true)`; the client sees
   * `io server disconnect` and does not reconnect on its own. `'transport'`: the connection drops;
   * the client sees `transport close` and reconnects.
   */
  how?: 'server' | 'transport';
}

/** Read-only views of the mock's data, for assertions. Every call returns fresh copies. */
export interface MockStateInspector {
  /** Every message of a conversation, by `seq`. Throws for an unknown conversation. */
  messages(conversationId: string): Message[];
  /** A conversation as `userId` sees it. Throws unless they are a member. */
  conversation(conversationId: string, userId: string): Conversation;
  /** The user's conversations, by `lastMessageAt` newest first. */
  conversations(userId: string): Conversation[];
  /** Unread count of one conversation, or the total over all of them. */
  unread(userId: string, conversationId?: string): number;
  /** Stored presence, as `presence:get` answers it. */
  presence(userId: string): Presence | undefined;
  /** Push subscriptions the user registered. */
  pushSubscriptions(userId: string): PushSubscriptionJSON[];
  /** Users with at least one connected socket. */
  connectedUsers(): string[];
  /** Connected sockets of a user. */
  socketCount(userId: string): number;
}

/** Options of {@link MockChatServer.listen}. */
export interface MockListenOptions {
  /**
   * Browser only: where msw's `mockServiceWorker.js` is served (default `/mockServiceWorker.js`,
   * which Vitest browser mode serves by itself). Ignored in Node.
   */
  serviceWorkerUrl?: string;
}

/** An in-memory Causette server speaking the whole protocol through msw. */
export interface MockChatServer {
  /** The URL clients connect to. */
  readonly url: string;
  /**
   * The msw handlers (the socket, and the HTTP upload routes): pass them to `setupWorker(...)`
   * (browser, Storybook) or your own `setupServer(...)`.
   */
  readonly handlers: readonly (RequestHandler | WebSocketHandler)[];
  /** Read-only views of the data. */
  readonly state: MockStateInspector;
  /** Every event clients sent, oldest first. */
  readonly received: readonly ReceivedEvent[];
  /** Whether new connections are accepted (see {@link MockChatServer.goOffline}). */
  readonly online: boolean;

  /**
   * Starts intercepting `WebSocket`: msw's `setupServer` in Node (Node 20 needs
   * `--experimental-websocket`), `setupWorker` in a browser (msw's worker script must be served).
   */
  listen(options?: MockListenOptions): Promise<void>;
  /** Drops every connection, cancels every timer and stops intercepting. */
  close(): Promise<void>;
  /**
   * Back to the seed: drops every connection, clears logs, faults, latency and uploads (held ones
   * are answered 503); keeps listening.
   */
  reset(): void;

  /** An unsigned JWT-shaped token for `auth: { token }`; unknown users are refused at handshake. */
  tokenFor(userId: string, options?: MockTokenOptions): string;
  /** socket.io-client options that route the client through the mock: spread them into `io()`. */
  clientOptions(): MockClientOptions;
  /** Adds (or updates) a user who may connect. */
  addUser(user: FixtureUser): void;

  /** Drops every connection and refuses new ones with a transport error until {@link goOnline}. */
  goOffline(): void;
  /** Accepts connections again. */
  goOnline(): void;
  /** Disconnects every socket of a user; returns how many there were. */
  disconnectUser(userId: string, options?: DisconnectOptions): number;
  /**
   * The next `count` (default 1) requests of `event` (any request when omitted) are processed but
   * their ack is lost: the client times out, and its resend must not duplicate anything.
   */
  dropNextAck(event?: RequestEventName, count?: number): void;
  /** The next `count` (default 1) requests of `event` get this error instead of being processed. */
  failNext(event: RequestEventName, error: MockFailure, count?: number): void;
  /** Delays every frame the server sends (acks and events) by `ms`; 0 to stop. */
  setLatency(ms: number): void;
  /** Pushes any server event to every socket of a user. */
  emit<E extends ServerEventName>(userId: string, event: E, payload: ServerEventPayloads[E]): void;
  /** `userId` sends a TEXT message, broadcast as a real one; returns it. */
  sendAs(userId: string, conversationId: string, content: string): Message;
  /** What one user's clients sent, oldest first. */
  receivedBy(userId: string): ReceivedEvent[];

  /** Images stored through the upload routes, oldest first. */
  uploadedImages(): MockUploadedImage[];
  /** Delays the answer of every image upload (`POST` of the file) by `ms`; 0 to stop. */
  setUploadDelay(ms: number): void;
  /**
   * Holds every image upload (new and in flight) unanswered until the returned function is
   * called, so that a story or test can show an upload in progress. `reset()` releases held
   * uploads with a 503.
   */
  holdUploads(): () => void;
  /** The next `count` (default 1) image uploads are refused with `failure` (default 400). */
  failNextUpload(failure?: MockUploadFailure, count?: number): void;
}
