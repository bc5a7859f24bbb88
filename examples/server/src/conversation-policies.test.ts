// The assembled server's conversation policy: the marketplace's listing rule unless the
// environment (CONVERSATION_POLICY=open) or the embedding app (chatServerParts) says otherwise.
import { rmSync } from 'node:fs';
import path from 'node:path';
import {
  type Ack,
  CONVERSATION_OPEN_REFUSED,
  type ClientToServerEvents,
  type ConversationOpenRequest,
  type ConversationOpenResult,
  type ServerToClientEvents,
} from '@causette/protocol';
import pino from 'pino';
import { type Socket, io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ChatServerOptions, chatServerParts } from './app';
import { loadConfig } from './config';
import { conversationPolicyOf } from './conversation-policies';
import { migratedPgliteDir } from './db/test-backends';
import { seedConversationId } from './seed';
import { type RunningServer, startServer } from './server';
import { openConversationPolicy } from './socket';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const sockets: Client[] = [];
const refused = { ok: false, error: { code: 'FORBIDDEN', message: CONVERSATION_OPEN_REFUSED } };
let dir = '';
beforeAll(async () => {
  dir = await migratedPgliteDir();
});
afterAll(() => {
  for (const socket of sockets) socket.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The assembled server in development (seeded demo data), on this file's data folder. */
function start(env: Record<string, string> = {}, options?: ChatServerOptions) {
  const config = loadConfig({
    PORT: '0',
    PGLITE_DIR: dir,
    UPLOAD_DIR: path.join(dir, 'up'),
    ...env,
  });
  return startServer(config, { ...chatServerParts(options), logger: pino({ level: 'silent' }) });
}

async function connect(server: RunningServer, userId: string): Promise<Client> {
  const response = await fetch(`${server.url}/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
  const { token } = (await response.json()) as { token: string };
  const socket: Client = io(server.url, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
  });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

function open(socket: Client, request: ConversationOpenRequest) {
  return socket.timeout(10_000).emitWithAck('conversation:open', request) as Promise<
    Ack<ConversationOpenResult>
  >;
}

const aboutL101 = { type: 'listing', id: 'L-101', title: 'T2 lumineux' };

describe('conversationPolicyOf', () => {
  it('is the listing rule over the demo listings, or the open policy when asked', async () => {
    expect(conversationPolicyOf({ conversationPolicy: 'open' })).toBe(openConversationPolicy);
    const listing = conversationPolicyOf({ conversationPolicy: 'listing' });
    await expect(
      listing.canOpen({
        userId: 'u-advertiser-1',
        participantIds: ['u-owner-1'],
        subject: aboutL101,
      }),
    ).resolves.toBe(true);
    await expect(
      listing.canOpen({
        userId: 'u-owner-2',
        participantIds: ['u-advertiser-1'],
        subject: aboutL101,
      }),
    ).resolves.toBe(false);
  });
});

describe('conversation:open on the assembled server', () => {
  it('lets a listing’s advertiser and owner reopen theirs, and refuses anyone else alike', async () => {
    const server = await start();
    try {
      const owner = await connect(server, 'u-owner-1');
      expect(
        await open(owner, { participantIds: ['u-advertiser-1'], subject: aboutL101 }),
      ).toMatchObject({
        ok: true,
        data: { created: false, conversation: { id: seedConversationId('lyon-t2') } },
      });
      // Marc owns another flat of Camille's agency, not this one.
      const marc = await connect(server, 'u-owner-2');
      expect(await open(marc, { participantIds: ['u-advertiser-1'], subject: aboutL101 })).toEqual(
        refused,
      );
      expect(await open(marc, { participantIds: ['u-owner-1'] })).toEqual(refused);
      expect(await open(marc, { participantIds: ['u-nobody'], subject: aboutL101 })).toEqual(
        refused,
      );
    } finally {
      await server.close();
    }
  });

  it('opens anything with CONVERSATION_POLICY=open', async () => {
    const server = await start({ CONVERSATION_POLICY: 'open' });
    try {
      const marc = await connect(server, 'u-owner-2');
      expect(
        await open(marc, { participantIds: ['u-owner-1'], subject: { type: 'test', id: 'x' } }),
      ).toMatchObject({ ok: true, data: { created: true } });
    } finally {
      await server.close();
    }
  });

  it('asks the policy an embedding app passes to chatServerParts', async () => {
    const asked: unknown[] = [];
    const server = await start(
      {},
      {
        conversationPolicy: {
          canOpen: (attempt) => {
            asked.push(attempt);
            return attempt.subject?.type === 'order';
          },
        },
      },
    );
    try {
      const marc = await connect(server, 'u-owner-2');
      const order = { type: 'order', id: 'O-1' };
      expect(await open(marc, { participantIds: ['u-owner-3'], subject: order })).toMatchObject({
        ok: true,
      });
      expect(await open(marc, { participantIds: ['u-advertiser-3'], subject: aboutL101 })).toEqual(
        refused,
      );
      expect(asked).toEqual([
        { userId: 'u-owner-2', participantIds: ['u-owner-3'], subject: order },
        { userId: 'u-owner-2', participantIds: ['u-advertiser-3'], subject: aboutL101 },
      ]);
    } finally {
      await server.close();
    }
  });
});
