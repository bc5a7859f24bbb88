// The assembled server, as `pnpm dev` and `node dist/main.js` run it: database, seed, sockets.
import { rmSync } from 'node:fs';
import path from 'node:path';
import type {
  Ack,
  ClientToServerEvents,
  MessageNewEvent,
  RequestEventName,
  RequestPayload,
  RequestResult,
  ServerToClientEvents,
} from '@causette/protocol';
import pino from 'pino';
import { type Socket, io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { chatServerParts } from './app';
import { loadConfig } from './config';
import { migratedPgliteDir } from './db/test-backends';
import { seedConversationId } from './seed';
import { type RunningServer, startServer } from './server';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const sockets: Client[] = [];
let dir = '';
beforeAll(async () => {
  dir = await migratedPgliteDir();
});
afterAll(() => {
  for (const socket of sockets) socket.close();
  rmSync(dir, { recursive: true, force: true });
});

function start(env: Record<string, string> = {}): Promise<RunningServer> {
  const config = loadConfig({
    PORT: '0',
    PGLITE_DIR: dir,
    UPLOAD_DIR: path.join(dir, 'up'),
    ...env,
  });
  return startServer(config, { ...chatServerParts(), logger: pino({ level: 'silent' }) });
}

async function login(server: RunningServer, userId: string): Promise<string> {
  const response = await fetch(`${server.url}/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
  return ((await response.json()) as { token: string }).token;
}

/** Sends a request and returns its ack data, throwing on an error ack. */
async function ask<E extends RequestEventName>(
  socket: Client,
  event: E,
  payload: RequestPayload<E>,
): Promise<RequestResult<E>> {
  const untyped = socket as unknown as {
    timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> };
  };
  const ack = (await untyped.timeout(10_000).emitWithAck(event, payload)) as Ack<RequestResult<E>>;
  if (!ack.ok) throw new Error(`${ack.error.code}: ${ack.error.message}`);
  return ack.data;
}

async function connect(server: RunningServer, userId: string, origin?: string): Promise<Client> {
  const socket: Client = io(server.url, {
    auth: { token: await login(server, userId) },
    transports: ['websocket'],
    reconnection: false,
    ...(origin ? { extraHeaders: { origin } } : {}),
  });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

describe('the assembled server', () => {
  let sentId = '';

  it('serves the seeded marketplace over socket.io to a dev-login token', async () => {
    const server = await start();
    try {
      const advertiser = await connect(server, 'u-advertiser-1', 'http://localhost:5173');
      const owner = await connect(server, 'u-owner-1');
      const list = await ask(advertiser, 'conversation:list', {});
      const lyon = list.conversations.find((c) => c.id === seedConversationId('lyon-t2'));
      expect(lyon).toMatchObject({ subject: { id: 'L-101' }, unreadCount: 2 });
      const ownerNew = new Promise<MessageNewEvent>((resolve) =>
        owner.once('message:new', resolve),
      );
      const sent = await ask(advertiser, 'message:send', {
        clientId: crypto.randomUUID(),
        conversationId: lyon!.id,
        type: 'TEXT',
        content: 'Le T2 est-il toujours disponible ?',
      });
      expect(sent.message.seq).toBe(lyon!.lastSeq + 1);
      expect((await ownerNew).message).toEqual(sent.message);
      sentId = sent.message.id;
    } finally {
      await server.close();
    }
  });

  it('refuses a browser origin outside the allowlist with ORIGIN_REJECTED', async () => {
    const server = await start();
    try {
      await expect(connect(server, 'u-owner-1', 'https://evil.example')).rejects.toMatchObject({
        data: { code: 'ORIGIN_REJECTED' },
      });
    } finally {
      await server.close();
    }
  });

  it('caps the sockets of one user at MAX_SOCKETS_PER_USER', async () => {
    const server = await start({ MAX_SOCKETS_PER_USER: '2' });
    try {
      await connect(server, 'u-owner-1');
      await connect(server, 'u-owner-1');
      await expect(connect(server, 'u-owner-1')).rejects.toMatchObject({
        data: { code: 'OVERLOADED', message: 'too many connections for this user' },
      });
    } finally {
      await server.close();
    }
  });

  it('restarts on the same data folder with nothing lost and the seed not repeated', async () => {
    const server = await start();
    try {
      const owner = await connect(server, 'u-owner-1');
      const page = await ask(owner, 'message:history', {
        conversationId: seedConversationId('lyon-t2'),
        limit: 5,
      });
      expect(page.messages.at(-1)?.id).toBe(sentId);
      const seqs = page.messages.map((m) => m.seq);
      expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
    } finally {
      await server.close();
    }
  });
});
