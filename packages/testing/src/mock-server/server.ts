import {
  MAX_IMAGE_BYTES,
  type Message,
  PRESENCE_OFFLINE_GRACE_MS,
  type RequestEventName,
  SERVER_EVENT_NAMES,
  type ServerEventName,
  type ServerEventPayloads,
  isErrorCode,
  isRequestEvent,
} from '@causette/protocol';
import { parseClientEvent, requestSchemas } from '@causette/protocol/schemas';
import { type WebSocketHandlerConnection, ws } from 'msw';
import { type FixtureUser, fixtureUsers } from '../fixtures';
import { mockClientOptions } from './client-options';
import { type ConnectionHooks, MockConnection } from './connection';
import { deliverMessage } from './handlers/chat';
import type { HandlerContext, RequestContext } from './handlers/context';
import { Faults, dispatchClientEvent } from './handlers/dispatch';
import { createInspector } from './inspector';
import { type Interception, startInterception } from './interception';
import { PresenceTracker } from './presence';
import { MockServiceError } from './state/errors';
import { applySeed, defaultSeed } from './state/seed';
import { ChatStore } from './state/store';
import { encodeMockToken, verifyHandshake } from './token';
import { MockUploads } from './uploads';
import type { MockChatServer, MockChatServerOptions, ReceivedEvent } from './types';

/** Where clients connect unless told otherwise. */
export const DEFAULT_MOCK_URL = 'http://chat.test';

const HOUR_MS = 3_600_000;

function checkOptions(options: MockChatServerOptions): void {
  if (options.url !== undefined) {
    if (typeof options.url !== 'string' || !URL.canParse(options.url))
      throw new TypeError(
        `createMockChatServer: url must be an absolute URL, got ${String(options.url)}`,
      );
  }
  if (options.now !== undefined && typeof options.now !== 'function')
    throw new TypeError(
      'createMockChatServer: now must be a function returning ms since the epoch',
    );
  const grace = options.presenceGraceMs;
  if (grace !== undefined && !(Number.isFinite(grace) && grace >= 0))
    throw new TypeError('createMockChatServer: presenceGraceMs must be a number >= 0');
  if (options.users !== undefined && !Array.isArray(options.users))
    throw new TypeError(
      'createMockChatServer: users must be an array of { id, displayName, role }',
    );
  if (options.seed !== undefined && !Array.isArray(options.seed))
    throw new TypeError('createMockChatServer: seed must be an array of conversations');
  const maxBytes = options.uploadMaxBytes;
  if (maxBytes !== undefined && !(Number.isInteger(maxBytes) && maxBytes > 0))
    throw new TypeError('createMockChatServer: uploadMaxBytes must be a positive integer');
}

function checkCount(name: string, count: number): void {
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`${name}: count must be a positive integer, got ${count}`);
}

/** A transport failure the client reports as `connect_error` and retries with its backoff. */
function refuseTransport(client: WebSocketHandlerConnection['client']): void {
  const socket = (client as unknown as { socket?: EventTarget }).socket;
  socket?.dispatchEvent(new Event('error'));
  client.close(1000, 'the mock server is offline');
}

/**
 * Creates an in-memory server speaking the whole Causette protocol (PROTOCOL.md) over msw's
 * WebSocket interception, with the reference server's acks, validation, errors and events.
 *
 * @example
 * const server = createMockChatServer();
 * await server.listen();
 * const socket = io(server.url, { auth: { token: server.tokenFor('u-alice') }, ...server.clientOptions() });
 */
export function createMockChatServer(options: MockChatServerOptions = {}): MockChatServer {
  checkOptions(options);
  const url = options.url ?? DEFAULT_MOCK_URL;
  const users = [...(options.users ?? fixtureUsers)];
  const seed = options.seed ?? defaultSeed();
  const now = options.now ?? (() => Date.now());
  const build = () => {
    const fresh = new ChatStore(now);
    applySeed(fresh, users, seed);
    return fresh;
  };

  let store = build();
  const connections = new Map<string, MockConnection>();
  const faults = new Faults();
  let received: ReceivedEvent[] = [];
  let online = true;
  let latency = 0;
  let socketCounter = 0;
  // Pending while msw starts, so a second listen() waits for the first instead of starting twice.
  let interception: Promise<Interception> | null = null;

  const liveSockets = (userId: string) =>
    [...connections.values()].filter((c) => c.connected && c.userId === userId);

  const emitToUsers: HandlerContext['emitToUsers'] = (userIds, event, payload, except) => {
    for (const userId of new Set(userIds))
      for (const socket of liveSockets(userId)) if (socket !== except) socket.emit(event, payload);
  };

  const presence = new PresenceTracker({
    store: () => store,
    socketCount: (userId) => liveSockets(userId).length,
    announce: (userId, status, lastSeen) =>
      emitToUsers(store.contacts(userId), 'user:status', { userId, status, lastSeen }),
    graceMs: options.presenceGraceMs ?? PRESENCE_OFFLINE_GRACE_MS,
  });

  const requestContext = (userId: string, connection: MockConnection | null): RequestContext => ({
    store,
    presence,
    emitToUsers,
    userId,
    connection,
  });

  const hooks: ConnectionHooks = {
    latencyMs: () => latency,
    onConnectPacket(connection, auth) {
      const verdict = verifyHandshake(auth, (id) => store.users.has(id), now());
      if (!verdict.ok) return connection.refuse(verdict.error.message, verdict.error);
      const user = store.users.get(verdict.userId);
      if (user && verdict.name) user.displayName = verdict.name;
      connection.accept(verdict.userId);
      connection.expireIn(verdict.expiresAt - now(), () => {
        connection.emit('session:expired', {});
        connection.disconnect();
      });
      presence.connected(verdict.userId);
    },
    onEvent(connection, event, args, ackId) {
      const userId = connection.userId;
      if (userId === null) return;
      received.push({
        event: String(event),
        payload: args[0],
        userId,
        socketId: connection.sid,
        withAck: ackId !== undefined,
        at: now(),
      });
      const reply =
        ackId === undefined ? undefined : (response: unknown) => connection.ack(ackId, response);
      dispatchClientEvent(requestContext(userId, connection), faults, event, args[0], reply);
    },
    onClosed(connection) {
      connections.delete(connection.sid);
      if (connection.userId !== null) presence.disconnected(connection.userId);
    },
  };

  const uploads = new MockUploads({
    url,
    now,
    isKnownUser: (userId) => store.users.has(userId),
    maxBytes: options.uploadMaxBytes ?? MAX_IMAGE_BYTES,
  });

  const handlers = [
    ...uploads.handlers(),
    ws.link(url).addEventListener('connection', ({ client }) => {
      if (!online) return refuseTransport(client);
      const connection = new MockConnection(`mock-socket-${++socketCounter}`, client, hooks);
      connections.set(connection.sid, connection);
      connection.start();
    }),
  ];

  const dropAll = () => {
    for (const connection of [...connections.values()]) connection.drop();
  };

  const server: MockChatServer = {
    url,
    handlers,
    state: createInspector(
      () => store,
      presence,
      () => connections.values(),
    ),
    get received() {
      return [...received];
    },
    get online() {
      return online;
    },

    async listen(listenOptions) {
      const serviceWorkerUrl = listenOptions?.serviceWorkerUrl;
      if (
        serviceWorkerUrl !== undefined &&
        (typeof serviceWorkerUrl !== 'string' || !serviceWorkerUrl)
      )
        throw new TypeError('listen: serviceWorkerUrl must be a non-empty string');
      if (!interception) {
        const starting = startInterception(handlers, serviceWorkerUrl);
        interception = starting;
        starting.catch(() => {
          if (interception === starting) interception = null;
        });
      }
      await interception;
    },

    async close() {
      dropAll();
      presence.clear();
      faults.clear();
      uploads.reset();
      const running = interception;
      interception = null;
      (await running?.catch(() => null))?.stop();
    },

    reset() {
      dropAll();
      presence.clear();
      faults.clear();
      store = build();
      received = [];
      online = true;
      latency = 0;
      uploads.reset();
    },

    tokenFor(userId, tokenOptions = {}) {
      if (typeof userId !== 'string' || userId === '')
        throw new TypeError('tokenFor: userId must be a non-empty string');
      const expiresInMs = tokenOptions.expiresInMs ?? HOUR_MS;
      if (!Number.isFinite(expiresInMs))
        throw new TypeError('tokenFor: expiresInMs must be a finite number');
      const name = tokenOptions.name ?? store.users.get(userId)?.displayName;
      const exp = (now() + expiresInMs) / 1000;
      return encodeMockToken(
        name === undefined ? { sub: userId, exp } : { sub: userId, name, exp },
      );
    },

    clientOptions: mockClientOptions,

    addUser(user: FixtureUser) {
      if (
        !user ||
        typeof user.id !== 'string' ||
        user.id === '' ||
        typeof user.displayName !== 'string'
      )
        throw new TypeError('addUser: a user needs a non-empty id and a displayName');
      const index = users.findIndex((u) => u.id === user.id);
      if (index === -1) users.push({ ...user });
      else users[index] = { ...user };
      const existing = store.users.get(user.id);
      store.users.set(user.id, { ...user, createdAt: existing?.createdAt ?? now() });
    },

    goOffline() {
      online = false;
      dropAll();
    },

    goOnline() {
      online = true;
    },

    disconnectUser(userId, disconnectOptions = {}) {
      const sockets = liveSockets(userId);
      for (const socket of sockets)
        if (disconnectOptions.how === 'transport') socket.drop();
        else socket.disconnect();
      return sockets.length;
    },

    dropNextAck(event?: RequestEventName, count = 1) {
      if (event !== undefined && !isRequestEvent(event))
        throw new TypeError(`dropNextAck: "${String(event)}" is not a request event`);
      checkCount('dropNextAck', count);
      faults.dropAcks(event, count);
    },

    failNext(event, error, count = 1) {
      if (!isRequestEvent(event))
        throw new TypeError(`failNext: "${String(event)}" is not a request event`);
      if (!error || !isErrorCode(error.code))
        throw new TypeError('failNext: error.code must be one of the protocol ERROR_CODES');
      checkCount('failNext', count);
      const failure = { code: error.code, message: error.message ?? 'injected by the mock server' };
      faults.fail(
        event,
        error.retryAfterMs === undefined
          ? failure
          : { ...failure, retryAfterMs: error.retryAfterMs },
        count,
      );
    },

    setLatency(ms) {
      if (!Number.isFinite(ms) || ms < 0)
        throw new RangeError(`setLatency: ms must be a number >= 0, got ${ms}`);
      latency = ms;
    },

    emit<E extends ServerEventName>(userId: string, event: E, payload: ServerEventPayloads[E]) {
      if (!(SERVER_EVENT_NAMES as readonly string[]).includes(event))
        throw new TypeError(`emit: "${String(event)}" is not a server event`);
      emitToUsers([userId], event, payload);
    },

    sendAs(userId, conversationId, content): Message {
      const input = {
        clientId: store.newId(),
        conversationId,
        type: 'TEXT' as const,
        content,
      };
      const parsed = parseClientEvent(requestSchemas['message:send'], input);
      if (!parsed.ok) throw new TypeError(`sendAs: ${parsed.message}`);
      try {
        return deliverMessage(requestContext(userId, null), parsed.data);
      } catch (error) {
        if (error instanceof MockServiceError)
          throw new Error(
            `sendAs: ${error.code} ${error.message} (user ${userId}, conversation ${conversationId})`,
          );
        throw error;
      }
    },

    receivedBy(userId) {
      return received.filter((entry) => entry.userId === userId);
    },

    uploadedImages: () => uploads.images(),
    setUploadDelay: (ms) => uploads.setDelay(ms),
    holdUploads: () => uploads.hold(),
    failNextUpload(failure = {}, count = 1) {
      checkCount('failNextUpload', count);
      uploads.failNext(failure, count);
    },
  };
  return server;
}
