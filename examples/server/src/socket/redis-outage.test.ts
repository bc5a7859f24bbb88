import { randomUUID } from 'node:crypto';
import net from 'node:net';
import pino from 'pino';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { type TestDatabase, openTestPglite } from '../db/test-backends';
import { userIds } from '../services/test-fixtures';
import { connectRedisScaleOut } from './redis-scale-out';
import {
  TEST_REDIS_URL,
  deleteKeysUnder,
  openTestRedis,
  testKeyPrefix,
} from './redis-test-helpers';
import { type TestServer, nextEvent, request, sleep, startTestServer } from './test-helpers';

// PGlite runs PostgreSQL in WebAssembly: generous limits on slow shared machines.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 600_000 });

/** A TCP relay to Redis that the test can cut, as a network failure would. */
async function cuttableRelay(target: string) {
  const { hostname, port } = new URL(target);
  const sockets = new Set<net.Socket>();
  let cut = false;
  const server = net.createServer((incoming) => {
    if (cut) {
      incoming.destroy();
      return;
    }
    const outgoing = net.connect(Number(port || 6379), hostname);
    for (const socket of [incoming, outgoing]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        incoming.destroy();
        outgoing.destroy();
      });
    }
    incoming.pipe(outgoing).pipe(incoming);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(target);
  url.host = `127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  return {
    url: url.href,
    cut() {
      cut = true;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      cut = false;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe.skipIf(!TEST_REDIS_URL)('a Redis outage (REDIS_URL)', () => {
  const prefix = testKeyPrefix();
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('never takes a node down, and emits cross nodes again once Redis is back', async () => {
    const relay = await cuttableRelay(TEST_REDIS_URL!);
    cleanups.push(() => relay.close());
    const db: TestDatabase = await openTestPglite();
    cleanups.push(() => db.destroy());
    const redis = await openTestRedis();
    cleanups.push(async () => {
      await deleteKeysUnder(redis, prefix);
      await redis.close();
    });
    const logs: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void logs.push(line) });
    const start = async (url: string) => {
      const scaleOut = await connectRedisScaleOut({
        url,
        logger,
        keyPrefix: prefix,
        commandTimeoutMs: 200,
      });
      const server: TestServer = await startTestServer({ scaleOut, logger }, db);
      cleanups.push(() => server.close());
      return server;
    };
    const nodeA = await start(relay.url);
    const nodeB = await start(TEST_REDIS_URL!);
    const [ana, bruno] = userIds('ana', 'bruno');
    const anaA = await nodeA.connect(ana);
    const brunoB = await nodeB.connect(bruno);
    const opened = await request(anaA, 'conversation:open', { participantIds: [bruno] });
    const conversationId = opened.data.conversation.id as string;
    const send = () =>
      request(anaA, 'message:send', {
        clientId: randomUUID(),
        conversationId,
        content: 'Toujours là ?',
        type: 'TEXT',
      });

    relay.cut();
    // Node A still stores and acks (its rate limit falls back to this node); its emit to node B
    // is lost, and the adapter's failed publish is reported, not thrown.
    expect(await send()).toMatchObject({ ok: true });
    await sleep(1000);
    expect(logs.some((line) => line.includes('Redis adapter command failed'))).toBe(true);

    relay.restore();
    let delivered = false;
    for (let attempt = 0; attempt < 30 && !delivered; attempt++) {
      const arrived = nextEvent(brunoB, 'message:new', 1000).then(
        () => true,
        () => false,
      );
      expect((await send()).ok).toBe(true);
      delivered = await arrived;
    }
    expect(delivered).toBe(true);
  });
});
