// Engine.io v4 and socket.io v5 text framing, the subset a JSON-only Causette client uses.
// @mswjs/socket.io-binding accepts every handshake on its own (before the client's CONNECT packet
// carrying `auth` arrives), drops ack ids and never pings, so the mock frames packets itself.

/** Engine.io ping interval the mock announces (socket.io's default). */
export const PING_INTERVAL_MS = 25_000;
/** Engine.io ping timeout the mock announces (socket.io's default). */
export const PING_TIMEOUT_MS = 20_000;

/** A socket.io packet read from a client frame. */
export type ClientPacket =
  | { kind: 'connect'; nsp: string; auth: unknown }
  | { kind: 'disconnect'; nsp: string }
  | { kind: 'event'; nsp: string; event: unknown; args: unknown[]; ackId?: number }
  | { kind: 'ack'; nsp: string; ackId: number; args: unknown[] };

/** What one engine.io frame from the client carries. */
export type ClientFrame =
  | { kind: 'ping' }
  | { kind: 'pong' }
  | { kind: 'close' }
  | { kind: 'packet'; packet: ClientPacket }
  | { kind: 'ignored' };

const ENGINE_OPEN = '0';
const ENGINE_CLOSE = '1';
const ENGINE_PING = '2';
const ENGINE_PONG = '3';
const ENGINE_MESSAGE = '4';

const SIO_CONNECT = 0;
const SIO_DISCONNECT = 1;
const SIO_EVENT = 2;
const SIO_ACK = 3;
const SIO_CONNECT_ERROR = 4;

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Reads a socket.io packet (the part after engine.io's `4`); `null` when it is not one we speak. */
export function decodeSocketPacket(text: string): ClientPacket | null {
  const type = Number(text.charAt(0));
  let i = 1;
  let nsp = '/';
  if (text.charAt(i) === '/') {
    const comma = text.indexOf(',', i);
    nsp = comma === -1 ? text.slice(i) : text.slice(i, comma);
    i = comma === -1 ? text.length : comma + 1;
  }
  let digits = '';
  while (i < text.length && /[0-9]/.test(text.charAt(i))) digits += text.charAt(i++);
  const ackId = digits ? Number(digits) : undefined;
  const rest = text.slice(i);
  const json = rest ? parseJson(rest) : { ok: true as const, value: undefined };
  if (!json.ok) return null;
  switch (type) {
    case SIO_CONNECT:
      return { kind: 'connect', nsp, auth: json.value };
    case SIO_DISCONNECT:
      return { kind: 'disconnect', nsp };
    case SIO_EVENT: {
      if (!Array.isArray(json.value) || json.value.length === 0) return null;
      const [event, ...args] = json.value as unknown[];
      return ackId === undefined
        ? { kind: 'event', nsp, event, args }
        : { kind: 'event', nsp, event, args, ackId };
    }
    case SIO_ACK:
      if (ackId === undefined || !Array.isArray(json.value)) return null;
      return { kind: 'ack', nsp, ackId, args: json.value as unknown[] };
    default:
      return null;
  }
}

/** Reads one engine.io frame sent by a client over WebSocket. */
export function decodeClientFrame(data: unknown): ClientFrame {
  if (typeof data !== 'string' || data.length === 0) return { kind: 'ignored' };
  switch (data.charAt(0)) {
    case ENGINE_PING:
      return { kind: 'ping' };
    case ENGINE_PONG:
      return { kind: 'pong' };
    case ENGINE_CLOSE:
      return { kind: 'close' };
    case ENGINE_MESSAGE: {
      const packet = decodeSocketPacket(data.slice(1));
      return packet ? { kind: 'packet', packet } : { kind: 'ignored' };
    }
    default:
      return { kind: 'ignored' };
  }
}

/** The engine.io OPEN frame: no upgrades (the client is already on WebSocket). */
export function encodeOpen(sid: string): string {
  return (
    ENGINE_OPEN +
    JSON.stringify({
      sid,
      upgrades: [],
      pingInterval: PING_INTERVAL_MS,
      pingTimeout: PING_TIMEOUT_MS,
      maxPayload: 1_000_000,
    })
  );
}

/** An engine.io PING frame (the server pings, the client answers PONG). */
export function encodePing(): string {
  return ENGINE_PING;
}

/** The answer to a client's PING. */
export function encodePong(): string {
  return ENGINE_PONG;
}

/** Namespace `/` accepted. */
export function encodeConnect(sid: string): string {
  return `${ENGINE_MESSAGE}${SIO_CONNECT}${JSON.stringify({ sid })}`;
}

/** A refused handshake: socket.io-client raises `connect_error` with `err.data = data`. */
export function encodeConnectError(message: string, data?: unknown, nsp = '/'): string {
  const prefix = nsp === '/' ? '' : `${nsp},`;
  const body = data === undefined ? { message } : { message, data };
  return `${ENGINE_MESSAGE}${SIO_CONNECT_ERROR}${prefix}${JSON.stringify(body)}`;
}

/** The server leaving the namespace: the client reports `io server disconnect` and stays down. */
export function encodeDisconnect(): string {
  return `${ENGINE_MESSAGE}${SIO_DISCONNECT}`;
}

/** A server event. */
export function encodeEvent(event: string, payload: unknown): string {
  return `${ENGINE_MESSAGE}${SIO_EVENT}${JSON.stringify([event, payload])}`;
}

/** The answer to a client event sent with an ack callback. */
export function encodeAck(ackId: number, response: unknown): string {
  return `${ENGINE_MESSAGE}${SIO_ACK}${ackId}${JSON.stringify([response])}`;
}
