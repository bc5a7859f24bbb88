// The abusive user (forked by flood-control.ts): one socket per flood kind, each a user of its
// own with a conversation to a silent peer, sending `message:send` as fast as the server answers
// (a window of requests always unanswered) and counting every answer by code.
import type { ClientToServerEvents, ServerToClientEvents } from '@causette/protocol';
import { type Socket, io } from 'socket.io-client';
import { SOCKET_OPTIONS, connectSocket } from '../load/connect';
import { mintToken } from '../load/tokens';
import { FloodCounts, answerCode } from './flood-counts';
import { type FloodPayload, invalidPayload, validPayload } from './flood-payloads';
import {
  type FloodKind,
  type FloodResult,
  type FlooderReport,
  type FlooderSetup,
  type FlooderStart,
  isFlooderCommand,
} from './messages';

type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
/** The flood sends what the typed events forbid. */
type RawEmit = (event: string, payload: unknown, ack: (answer: unknown) => void) => void;

/** After the stop, answers still due are awaited this long at most. */
const ANSWER_GRACE_MS = 10_000;

interface Flooder {
  socket: ChatSocket;
  peer: ChatSocket;
  conversationId: string;
}

const flooders = new Map<FloodKind, Flooder>();
let setup: FlooderSetup | undefined;
let running:
  | {
      kind: FloodKind;
      counts: FloodCounts;
      stopped: boolean;
      startedAt: number;
      cpu: NodeJS.CpuUsage;
      disconnects: number;
    }
  | undefined;

function send(message: FlooderReport): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) resolve();
    else process.send(message, undefined, {}, () => resolve());
  });
}

async function connectUser(message: FlooderSetup, userId: string): Promise<ChatSocket> {
  const token = await mintToken(new TextEncoder().encode(message.jwtSecret), userId);
  const socket: ChatSocket = io(message.url, { ...SOCKET_OPTIONS, auth: { token } });
  await connectSocket(socket, message.deadline);
  return socket;
}

async function onSetup(message: FlooderSetup): Promise<void> {
  setup = message;
  for (const kind of message.kinds) {
    const peerId = `${message.runTag}-peer-${kind}`;
    // The peer first: the conversation names it, and it exists once its handshake upserted it.
    const peer = await connectUser(message, peerId);
    const socket = await connectUser(message, `${message.runTag}-flood-${kind}`);
    const answer = await socket
      .timeout(Math.max(1, message.deadline - Date.now()))
      .emitWithAck('conversation:open', { participantIds: [peerId] });
    if (!answer.ok) throw new Error(`conversation:open answered ${answer.error.code}`);
    flooders.set(kind, { socket, peer, conversationId: answer.data.conversation.id });
    socket.on('disconnect', () => {
      if (running?.kind === kind) running.disconnects++;
    });
  }
  await send({ type: 'ready' });
}

function payloadFor(
  kind: FloodKind,
  n: number,
  conversationId: string,
  runTag: string,
): FloodPayload {
  return kind === 'valid'
    ? validPayload(n, conversationId, runTag)
    : invalidPayload(n, conversationId, runTag);
}

async function onStart(message: FlooderStart): Promise<void> {
  const flooder = flooders.get(message.kind);
  if (!setup || !flooder) throw new Error(`no flooder set up for ${message.kind}`);
  const { runTag, window } = setup;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, message.atEpochMs - Date.now())));
  const counts = new FloodCounts();
  const run = {
    kind: message.kind,
    counts,
    stopped: false,
    startedAt: performance.now(),
    cpu: process.cpuUsage(),
    disconnects: 0,
  };
  running = run;
  const emit = flooder.socket.emit.bind(flooder.socket) as unknown as RawEmit;
  const sendOne = () => {
    if (run.stopped) return;
    const { shape, payload } = payloadFor(run.kind, counts.sent, flooder.conversationId, runTag);
    counts.recordSent();
    emit('message:send', payload, (answer) => {
      counts.recordAnswer(shape, answerCode(answer));
      sendOne();
    });
  };
  for (let i = 0; i < window; i++) sendOne();
}

async function onStop(): Promise<void> {
  const run = running;
  if (!run || !setup) throw new Error('stop without a flood');
  run.stopped = true;
  const durationMs = performance.now() - run.startedAt;
  const cpu = process.cpuUsage(run.cpu);
  const deadline = performance.now() + ANSWER_GRACE_MS;
  while (run.counts.outstanding > 0 && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const result: FloodResult = {
    kind: run.kind,
    window: setup.window,
    sent: run.counts.sent,
    answers: { ...run.counts.answers },
    unanswered: run.counts.outstanding,
    byPayload: run.counts.byPayload,
    durationMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    disconnects: run.disconnects,
  };
  running = undefined;
  await send({ type: 'flooded', result });
}

process.on('message', (message: unknown) => {
  if (!isFlooderCommand(message)) return;
  const work =
    message.type === 'setup'
      ? onSetup(message)
      : message.type === 'start'
        ? onStart(message)
        : onStop();
  work.catch(async (error: unknown) => {
    await send({ type: 'failed', message: String(error) });
    process.exit(1);
  });
});
// Never outlive the benchmark that forked this process.
process.once('disconnect', () => process.exit(0));
