// One client process of the connections benchmark (forked by clients.ts): opens one socket per
// user, each authenticated as a different user on the chat server, times each handshake, then
// keeps them idle until told to close.
import { type Socket, io } from 'socket.io-client';
import { SOCKET_OPTIONS, connectSocket, forEachLimited } from '../load/connect';
import { mintToken } from '../load/tokens';
import {
  type AcceptResult,
  type ClientConnect,
  type ClientReport,
  type ClientSetup,
  isClientCommand,
} from './messages';

let setup: ClientSetup | undefined;
/** Tokens minted before the timed phase: signing is the client's cost, not the server's. */
let auths: Record<string, string>[] = [];
const sockets: Socket[] = [];
let disconnects = 0;

function send(message: ClientReport): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) resolve();
    else process.send(message, undefined, {}, () => resolve());
  });
}

async function authFor(message: ClientSetup, userId: string): Promise<Record<string, string>> {
  if (message.target === 'relay') return { id: userId };
  if (!message.jwtSecret) throw new Error('the chat server target needs its JWT secret');
  return { token: await mintToken(new TextEncoder().encode(message.jwtSecret), userId) };
}

function errorCode(error: Error): string {
  const code = (error as Error & { data?: { code?: unknown } }).data?.code;
  return typeof code === 'string' ? code : error.message;
}

async function onSetup(message: ClientSetup): Promise<void> {
  setup = message;
  auths = await Promise.all(message.userIds.map((id) => authFor(message, id)));
  // Loads the client's own code paths (and the server's first-handshake ones) before any timing.
  const warmUp = io(message.url, {
    ...SOCKET_OPTIONS,
    auth: await authFor(message, message.warmUpUserId),
  });
  try {
    await connectSocket(warmUp, message.deadline);
  } finally {
    warmUp.close();
  }
  await send({ type: 'ready' });
}

async function onConnect(message: ClientConnect): Promise<void> {
  if (!setup) throw new Error('connect before set-up');
  const { url, concurrency } = setup;
  const { deadline } = message;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, message.atEpochMs - Date.now())));
  const result: AcceptResult = {
    connected: 0,
    failed: 0,
    latenciesMs: [],
    connectErrors: {},
    lastConnectedEpochMs: Date.now(),
    cpuMs: 0,
  };
  const cpuBefore = process.cpuUsage();
  await forEachLimited(auths, concurrency, async (auth) => {
    const socket = io(url, { ...SOCKET_OPTIONS, auth });
    sockets.push(socket);
    socket.on('connect_error', (error) => {
      const code = errorCode(error);
      result.connectErrors[code] = (result.connectErrors[code] ?? 0) + 1;
    });
    const startedAt = performance.now();
    try {
      await connectSocket(socket, deadline);
    } catch {
      result.failed++;
      socket.close();
      return;
    }
    result.latenciesMs.push(performance.now() - startedAt);
    result.connected++;
    result.lastConnectedEpochMs = Date.now();
    // Counted from here: an idle socket that drops before the memory is read is worth knowing.
    socket.on('disconnect', () => disconnects++);
  });
  const cpu = process.cpuUsage(cpuBefore);
  result.cpuMs = (cpu.user + cpu.system) / 1000;
  await send({ type: 'connected', result });
}

async function onClose(): Promise<void> {
  const count = disconnects;
  for (const socket of sockets) socket.close();
  await send({ type: 'closed', disconnects: count });
  process.exit(0);
}

process.on('message', (message: unknown) => {
  if (!isClientCommand(message)) return;
  const work =
    message.type === 'setup'
      ? onSetup(message)
      : message.type === 'connect'
        ? onConnect(message)
        : onClose();
  work.catch(async (error: unknown) => {
    await send({ type: 'failed', message: String(error) });
    process.exit(1);
  });
});
// Never outlive the benchmark that forked this process.
process.once('disconnect', () => process.exit(0));
