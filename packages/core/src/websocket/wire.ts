// The text framing of engine.io protocol 4 and socket.io protocol 5, default namespace only and
// no binary attachments: all the Causette protocol uses. Spec:
// https://github.com/socketio/engine.io-protocol and https://github.com/socketio/socket.io-protocol

/** engine.io packet types that carry text (`5` upgrade is never sent on a WebSocket-only link). */
export const ENGINE = {
  open: '0',
  close: '1',
  ping: '2',
  pong: '3',
  message: '4',
  noop: '6',
} as const;

/** socket.io packet types. */
export const PACKET = {
  connect: 0,
  disconnect: 1,
  event: 2,
  ack: 3,
  connectError: 4,
  binaryEvent: 5,
  binaryAck: 6,
} as const;

/** The engine.io handshake's numbers the client obeys. */
export interface EngineHandshake {
  pingInterval: number;
  pingTimeout: number;
  maxPayload: number;
}

/** A decoded socket.io packet of the default namespace. */
export type SocketPacket =
  | { type: 0; data: unknown }
  | { type: 1 }
  | { type: 2; id?: number; data: [string, ...unknown[]] }
  | { type: 3; id: number; data: unknown[] }
  | { type: 4; data: unknown };

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

/** Reads the engine.io open packet's body; `undefined` when it is not a usable handshake. */
export function parseHandshake(body: string): EngineHandshake | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { pingInterval, pingTimeout, maxPayload } = value as Record<string, unknown>;
  const interval = positive(pingInterval);
  const timeout = positive(pingTimeout);
  if (interval === undefined || timeout === undefined) return undefined;
  // An absent maxPayload means "no limit announced" (engine.io before 6.1).
  return {
    pingInterval: interval,
    pingTimeout: timeout,
    maxPayload: positive(maxPayload) ?? Infinity,
  };
}

/** The engine.io frame of a socket.io packet (`4` + socket.io encoding). */
export function encodePacket(type: 0 | 1 | 2, data?: unknown, id?: number): string {
  const body = data === undefined ? '' : JSON.stringify(data);
  return `${ENGINE.message}${type}${id ?? ''}${body}`;
}

/**
 * Decodes the socket.io part of an engine.io message. Returns `undefined` for a packet that is
 * malformed, binary, or for another namespace: a client of the default namespace has no use for it.
 */
export function decodePacket(text: string): SocketPacket | undefined {
  // Only a digit is a packet type: `Number('')` and `Number(' ')` are 0, a connect.
  const type = /^\d/.test(text) ? Number(text.charAt(0)) : NaN;
  let i = 1;
  if (text.charAt(i) === '/') {
    const end = text.indexOf(',', i);
    if (end < 0 || text.slice(i, end) !== '/') return undefined;
    i = end + 1;
  }
  let digits = '';
  while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) {
    digits += text.charAt(i);
    i += 1;
  }
  const id = digits ? Number(digits) : undefined;
  let data: unknown;
  if (i < text.length) {
    try {
      data = JSON.parse(text.slice(i));
    } catch {
      return undefined;
    }
  }
  switch (type) {
    case PACKET.connect:
    case PACKET.connectError:
      return { type, data };
    case PACKET.disconnect:
      return { type };
    case PACKET.event:
      if (!Array.isArray(data) || typeof data[0] !== 'string') return undefined;
      return id === undefined
        ? { type, data: data as [string, ...unknown[]] }
        : { type, id, data: data as [string, ...unknown[]] };
    case PACKET.ack:
      if (id === undefined || !Array.isArray(data)) return undefined;
      return { type, id, data };
    default:
      return undefined;
  }
}

const encoder = new TextEncoder();

/** UTF-8 length of a frame, which is what the server's `maxPayload` counts. */
export function byteLength(text: string): number {
  return encoder.encode(text).byteLength;
}
