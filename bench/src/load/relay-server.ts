// The baseline: a plain socket.io 4.8 relay with no auth and no storage. A client joins the room
// named by its id; `send { to, payload }` is emitted to the room `to` and acked, as the chat server
// acks a message:send. Run as its own process (forked by relay-process.ts), so the generator and
// the relay never share an event loop, just as with the chat server.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import type {
  RelayClientToServer,
  RelayListening,
  RelayServerToClient,
  RelaySend,
} from './relay-events';

/** The chat server's packet cap (MAX_PACKET_BYTES in PROTOCOL.md), so both refuse the same. */
const MAX_PACKET_BYTES = 64 * 1024;

function readId(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function isRelaySend(value: unknown): value is RelaySend {
  return typeof value === 'object' && value !== null && 'to' in value && 'payload' in value;
}

const httpServer = createServer();
const io = new Server<RelayClientToServer, RelayServerToClient>(httpServer, {
  maxHttpBufferSize: MAX_PACKET_BYTES,
  // Like the chat server: compression would cost CPU on both sides for small packets.
  perMessageDeflate: false,
});

io.on('connection', (socket) => {
  const auth: unknown = socket.handshake.auth;
  const id =
    readId(typeof auth === 'object' && auth !== null && 'id' in auth ? auth.id : undefined) ??
    readId(socket.handshake.query.id);
  if (!id) {
    socket.disconnect(true);
    return;
  }
  void socket.join(id);
  socket.on('send', (message, ack) => {
    if (isRelaySend(message) && typeof message.to === 'string') {
      io.to(message.to).emit('receive', message.payload);
    }
    if (typeof ack === 'function') ack({ ok: true, data: {} });
  });
});

// A port given as the first argument (a restart on the same port), else any free one.
const requestedPort = Number(process.argv[2] ?? 0);
httpServer.listen(Number.isInteger(requestedPort) ? requestedPort : 0, '127.0.0.1', () => {
  const { port } = httpServer.address() as AddressInfo;
  const listening: RelayListening = { type: 'listening', port };
  process.send?.(listening);
});

const stop = () => {
  void io.close().finally(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
// Never outlive the benchmark that forked this process.
process.once('disconnect', stop);
