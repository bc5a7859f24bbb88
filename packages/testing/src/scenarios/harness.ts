import type { Message, ServerEventName, ServerEventPayloads } from '@causette/protocol';

/**
 * The part of a socket.io-client `Socket` the scenarios use, so any client works (typed or not).
 */
export interface ScenarioSocket {
  readonly connected: boolean;
  emit(event: string, ...args: unknown[]): unknown;
  // socket.io-client's listener types are per event; scenarios only need a loose signature.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  on(event: string, listener: (...args: any[]) => void): unknown;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  off(event: string, listener: (...args: any[]) => void): unknown;
  timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<unknown> };
  disconnect(): unknown;
}

/** How the shared protocol scenarios reach one server (the mock or the reference one). */
export interface ProtocolHarness {
  /** Shown in the `describe` title, e.g. `'mock server'`. */
  name: string;
  /**
   * A user id the server accepts and who is in no conversation yet: scenarios call it for each
   * user they need, so they never see each other's conversations, presence or unread counts.
   */
  newUser(): string | Promise<string>;
  /** Connects `userId` (no auto-reconnect) and resolves once the handshake is accepted. */
  connect(userId: string): Promise<ScenarioSocket>;
  /** The server's offline grace, so presence scenarios know how long to wait. */
  presenceGraceMs: number;
  /** Ack timeout and event wait, in ms (default 10 000; raise it for slow servers). */
  timeoutMs?: number;
  /** Per-test timeout handed to vitest (default 30 000). */
  testTimeoutMs?: number;
}

/** An ack as read off the wire. */
export type WireAck<T = unknown> =
  | { ok: true; data: T }
  | { ok: false; error: { code: string; message: string; retryAfterMs?: number } };

/** A conversation a scenario opened: `a` and `b` are the sockets of its first two users. */
export interface ScenarioConversation {
  conversationId: string;
  users: string[];
  sockets: ScenarioSocket[];
  userA: string;
  userB: string;
  a: ScenarioSocket;
  b: ScenarioSocket;
}

/** `list[index]`, or a clear error when a scenario's assumption about its length is wrong. */
export function pick<T>(list: readonly T[], index: number): T {
  const item = list[index];
  if (item === undefined) throw new Error(`expected an item at index ${index} of ${list.length}`);
  return item;
}

/** Helpers the scenarios share, bound to one harness. */
export interface ScenarioKit {
  harness: ProtocolHarness;
  /** Connects through the harness; {@link ScenarioKit.closeAll} disconnects it after the test. */
  connect(userId: string): Promise<ScenarioSocket>;
  request<T = unknown>(
    socket: ScenarioSocket,
    event: string,
    payload?: unknown,
  ): Promise<WireAck<T>>;
  /** Resolves with the data of a successful ack; throws with the error otherwise. */
  ok<T = unknown>(socket: ScenarioSocket, event: string, payload?: unknown): Promise<T>;
  /** The next `event` on `socket` (the next one `matches`, when given). */
  nextEvent<E extends ServerEventName>(
    socket: ScenarioSocket,
    event: E,
    matches?: (payload: ServerEventPayloads[E]) => boolean,
  ): Promise<ServerEventPayloads[E]>;
  collect<E extends ServerEventName>(socket: ScenarioSocket, event: E): ServerEventPayloads[E][];
  /** New users (two by default), connected, in one conversation about a subject of its own. */
  conversation(size?: number): Promise<ScenarioConversation>;
  send(
    socket: ScenarioSocket,
    conversationId: string,
    content: string,
    clientId?: string,
  ): Promise<Message>;
  sleep(ms: number): Promise<void>;
  /** Disconnects every socket the scenarios opened. */
  closeAll(): void;
}

const uuid = () => globalThis.crypto.randomUUID();

/** Builds the helpers for one harness. */
export function createKit(harness: ProtocolHarness): ScenarioKit {
  const timeoutMs = harness.timeoutMs ?? 10_000;
  const opened: ScenarioSocket[] = [];
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

  const kit: ScenarioKit = {
    harness,
    async connect(userId) {
      const socket = await harness.connect(userId);
      opened.push(socket);
      return socket;
    },
    async request<T>(socket: ScenarioSocket, event: string, payload?: unknown) {
      const args = payload === undefined ? [] : [payload];
      return (await socket.timeout(timeoutMs).emitWithAck(event, ...args)) as WireAck<T>;
    },
    async ok<T>(socket: ScenarioSocket, event: string, payload?: unknown) {
      const ack = await kit.request<T>(socket, event, payload);
      if (!ack.ok) throw new Error(`${event} failed: ${ack.error.code} ${ack.error.message}`);
      return ack.data;
    },
    nextEvent<E extends ServerEventName>(
      socket: ScenarioSocket,
      event: E,
      matches?: (payload: ServerEventPayloads[E]) => boolean,
    ) {
      const promise = new Promise<ServerEventPayloads[E]>((resolve, reject) => {
        const timer = setTimeout(() => {
          socket.off(event, listener);
          reject(new Error(`no ${event} within ${timeoutMs} ms`));
        }, timeoutMs);
        const listener = (payload: ServerEventPayloads[E]) => {
          if (matches && !matches(payload)) return;
          clearTimeout(timer);
          socket.off(event, listener);
          resolve(payload);
        };
        socket.on(event, listener);
      });
      promise.catch(() => undefined);
      return promise;
    },
    collect<E extends ServerEventName>(socket: ScenarioSocket, event: E) {
      const seen: ServerEventPayloads[E][] = [];
      socket.on(event, (payload: ServerEventPayloads[E]) => {
        seen.push(payload);
      });
      return seen;
    },
    async conversation(size = 2) {
      const users: string[] = [];
      for (let i = 0; i < size; i++) users.push(await harness.newUser());
      const sockets: ScenarioSocket[] = [];
      for (const user of users) sockets.push(await kit.connect(user));
      const a = pick(sockets, 0);
      const data = await kit.ok<{ conversation: { id: string } }>(a, 'conversation:open', {
        participantIds: users.slice(1),
        subject: { type: 'scenario', id: uuid() },
      });
      return {
        conversationId: data.conversation.id,
        users,
        sockets,
        userA: pick(users, 0),
        userB: pick(users, 1),
        a,
        b: pick(sockets, 1),
      };
    },
    async send(socket, conversationId, content, clientId = uuid()) {
      const data = await kit.ok<{ message: Message }>(socket, 'message:send', {
        clientId,
        conversationId,
        type: 'TEXT',
        content,
      });
      return data.message;
    },
    sleep,
    closeAll() {
      for (const socket of opened.splice(0)) socket.disconnect();
    },
  };
  return kit;
}
