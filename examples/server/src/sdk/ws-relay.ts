// A TCP relay between chat clients and the server that a test can cut, block, and use to lose
// chosen socket.io packets, as a flaky network would. It reads the WebSocket frames going each way
// (after the HTTP upgrade) so that a test can decide per socket.io packet.
import net from 'node:net';

/** What to do with one socket.io packet on its way. */
export type FrameVerdict = 'forward' | 'drop' | 'cut';

/** Decides the fate of each text frame (a socket.io packet such as `42["sync",{...}]`). */
export interface RelayRules {
  /** Client to server. */
  fromClient?: (packet: string) => FrameVerdict;
  /** Server to client. */
  fromServer?: (packet: string) => FrameVerdict;
}

/** A running relay. */
export interface WsRelay {
  /** Point clients here. */
  url: string;
  /** The packet rules; replace them at any time. */
  rules: RelayRules;
  /** Destroys every open connection, as a network drop would. */
  cut(): void;
  /** While blocked, new connections are refused at once (the server looks unreachable). */
  block(blocked: boolean): void;
  /**
   * Turns every open connection into a black hole, as a half-open link (a dead access point, a
   * NAT that forgot the flow) would: no byte passes either way and the client does not learn
   * that the server closed. Only the heartbeat can tell. Later connections work normally.
   */
  silence(): void;
  /** Open client connections. */
  readonly connections: number;
  close(): Promise<void>;
}

const HEADER_END = Buffer.from('\r\n\r\n');

/**
 * Splits a byte stream into the HTTP upgrade head (passed through) and WebSocket frames (offered
 * to `decide`); `deliver` receives what goes on, `cut` is called when a frame asks for it.
 */
function frameFilter(
  decide: (packet: string) => FrameVerdict,
  deliver: (bytes: Buffer) => void,
  cut: () => void,
): (chunk: Buffer) => void {
  let buffer = Buffer.alloc(0);
  let upgraded = false;
  return (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    if (!upgraded) {
      const end = buffer.indexOf(HEADER_END);
      if (end < 0) return;
      upgraded = true;
      deliver(buffer.subarray(0, end + HEADER_END.length));
      buffer = buffer.subarray(end + HEADER_END.length);
    }
    for (;;) {
      const frame = readFrame(buffer);
      if (!frame) return;
      buffer = buffer.subarray(frame.length);
      const verdict = frame.text === undefined ? 'forward' : decide(frame.text);
      if (verdict === 'cut') return cut();
      if (verdict === 'forward') deliver(frame.bytes);
    }
  };
}

/** One complete frame at the start of `buffer`, with its text when it is a whole text frame. */
function readFrame(buffer: Buffer): { length: number; bytes: Buffer; text?: string } | undefined {
  if (buffer.length < 2) return undefined;
  const first = buffer.readUInt8(0);
  const second = buffer.readUInt8(1);
  let offset = 2;
  let size = second & 0x7f;
  if (size === 126) {
    if (buffer.length < 4) return undefined;
    size = buffer.readUInt16BE(2);
    offset = 4;
  } else if (size === 127) {
    if (buffer.length < 10) return undefined;
    size = Number(buffer.readBigUInt64BE(2));
    offset = 10;
  }
  const masked = (second & 0x80) !== 0;
  const mask = masked ? buffer.subarray(offset, offset + 4) : undefined;
  if (masked) offset += 4;
  const length = offset + size;
  if (buffer.length < length) return undefined;
  const bytes = Buffer.from(buffer.subarray(0, length));
  const isWholeText = (first & 0x80) !== 0 && (first & 0x0f) === 1;
  if (!isWholeText) return { length, bytes };
  const payload = Buffer.from(buffer.subarray(offset, length));
  if (mask) {
    for (let i = 0; i < payload.length; i++) {
      payload.writeUInt8(payload.readUInt8(i) ^ mask.readUInt8(i % 4), i);
    }
  }
  return { length, bytes, text: payload.toString('utf8') };
}

/** Starts a relay on a random 127.0.0.1 port in front of `targetPort`. */
export async function startWsRelay(targetPort: number, rules: RelayRules = {}): Promise<WsRelay> {
  const sockets = new Set<net.Socket>();
  const pairs = new Set<{ muted: boolean }>();
  let blocked = false;
  let clients = 0;
  const server = net.createServer((incoming) => {
    if (blocked) {
      incoming.destroy();
      return;
    }
    const outgoing = net.connect(targetPort, '127.0.0.1');
    const pair = { muted: false };
    pairs.add(pair);
    const cutPair = () => {
      pairs.delete(pair);
      incoming.destroy();
      outgoing.destroy();
    };
    clients += 1;
    incoming.once('close', () => (clients -= 1));
    for (const socket of [incoming, outgoing]) {
      sockets.add(socket);
      // A muted link does not carry the server's close to the client either.
      const onEnd = () => (socket === outgoing && pair.muted ? undefined : cutPair());
      socket.on('close', () => {
        sockets.delete(socket);
        onEnd();
      });
      socket.on('error', onEnd);
    }
    const toServer = frameFilter(
      (packet) => relay.rules.fromClient?.(packet) ?? 'forward',
      (bytes) => outgoing.write(bytes),
      () => relay.cut(),
    );
    const toClient = frameFilter(
      (packet) => relay.rules.fromServer?.(packet) ?? 'forward',
      (bytes) => incoming.write(bytes),
      () => relay.cut(),
    );
    incoming.on('data', (chunk: Buffer) => pair.muted || toServer(chunk));
    outgoing.on('data', (chunk: Buffer) => pair.muted || toClient(chunk));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const relay: WsRelay = {
    url: `http://127.0.0.1:${port}`,
    rules,
    cut() {
      for (const socket of sockets) socket.destroy();
    },
    block(value) {
      blocked = value;
    },
    silence() {
      for (const pair of pairs) pair.muted = true;
    },
    get connections() {
      return clients;
    },
    close() {
      relay.cut();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return relay;
}

/** The ack id of a socket.io EVENT packet for `event` (`42<id>["event",...]`), if it is one. */
export function eventAckId(packet: string, event: string): string | undefined {
  const match = /^42(\d+)\["([^"]+)"/.exec(packet);
  return match && match[2] === event ? match[1] : undefined;
}

/** The ack id of a socket.io ACK packet (`43<id>[...]`), if it is one. */
export function ackId(packet: string): string | undefined {
  return /^43(\d+)\[/.exec(packet)?.[1];
}
