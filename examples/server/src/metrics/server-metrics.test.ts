// GET /metrics of the assembled server, as Prometheus reads it, after real clients used it: the
// sockets, the messages, the acks and their errors, the refusals, and the database behind them.
import { rmSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { type Socket, io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { chatServerParts } from '../app';
import { loadConfig } from '../config';
import { migratedPgliteDir } from '../db/test-backends';
import { seedConversationId } from '../seed';
import { type RunningServer, startServer } from '../server';
import { request } from '../socket/test-helpers';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 600_000 });

let dir = '';
let server: RunningServer;
const sockets: Socket[] = [];
beforeAll(async () => {
  dir = await migratedPgliteDir();
  const config = loadConfig({ PORT: '0', PGLITE_DIR: dir, UPLOAD_DIR: path.join(dir, 'up') });
  server = await startServer(config, { ...chatServerParts(), logger: pino({ level: 'silent' }) });
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every sample of the exposition, as `name{labels}` (labels in their order) to value. */
async function scrape(): Promise<Map<string, number>> {
  const response = await fetch(`${server.url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  const samples = new Map<string, number>();
  for (const line of (await response.text()).split('\n')) {
    const match = /^([a-z_:][\w:]*(?:\{[^}]*\})?) (\S+)$/i.exec(line);
    if (match) samples.set(match[1]!, Number(match[2]));
  }
  return samples;
}

async function login(userId: string): Promise<string> {
  const response = await fetch(`${server.url}/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
  return ((await response.json()) as { token: string }).token;
}

function connect(token: string, origin?: string): Promise<Socket> {
  const socket = io(server.url, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    ...(origin ? { extraHeaders: { origin } } : {}),
  });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** Scrapes until `done` holds for the samples (the server hears a disconnect a little later). */
async function scrapeUntil(done: (samples: Map<string, number>) => boolean) {
  for (;;) {
    const samples = await scrape();
    if (done(samples)) return samples;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('GET /metrics of a running server', () => {
  it('counts sockets, messages, acks by event, errors by code and refusals', async () => {
    await expect(connect('not-a-token')).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
    const token = await login('u-advertiser-1');
    await expect(connect(token, 'https://evil.example')).rejects.toMatchObject({
      data: { code: 'ORIGIN_REJECTED' },
    });
    const socket = await connect(token);
    const conversationId = seedConversationId('lyon-t2');

    const sent = await request(socket, 'message:send', {
      clientId: crypto.randomUUID(),
      conversationId,
      type: 'TEXT',
      content: 'Le T2 est-il toujours disponible ?',
    });
    expect(sent.ok).toBe(true);
    expect(await request(socket, 'message:send', { content: 42 })).toMatchObject({
      error: { code: 'INVALID' },
    });
    expect(
      await request(socket, 'conversation:get', { conversationId: crypto.randomUUID() }),
    ).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
    expect(await request(socket, 'user-42:no-such-event', {})).toMatchObject({
      error: { code: 'INVALID' },
    });
    // The typing budget is 10 a window: the eleventh is refused.
    const typing = [];
    for (let i = 0; i < 11; i++)
      typing.push(await request(socket, 'typing:start', { conversationId }));
    expect(typing.at(-1)).toMatchObject({ error: { code: 'RATE_LIMITED' } });

    const samples = await scrape();
    expect(samples.get('causette_sockets_connected')).toBe(1);
    expect(samples.get('causette_messages_stored_total')).toBeGreaterThanOrEqual(1);
    expect(
      samples.get('causette_ack_duration_seconds_count{event="message:send"}'),
    ).toBeGreaterThanOrEqual(2);
    expect(
      samples.get('causette_ack_duration_seconds_bucket{le="+Inf",event="message:send"}'),
    ).toBe(samples.get('causette_ack_duration_seconds_count{event="message:send"}'));
    expect(samples.get('causette_request_errors_total{event="message:send",code="INVALID"}')).toBe(
      1,
    );
    expect(
      samples.get('causette_request_errors_total{event="conversation:get",code="FORBIDDEN"}'),
    ).toBe(1);
    expect(samples.get('causette_request_errors_total{event="unknown",code="INVALID"}')).toBe(1);
    expect(
      samples.get('causette_request_errors_total{event="typing:start",code="RATE_LIMITED"}'),
    ).toBe(1);
    expect(samples.get('causette_rate_limited_total{budget="typing"}')).toBe(1);
    expect(samples.get('causette_rate_limited_total{budget="messages"}')).toBe(0);
    expect(samples.get('causette_handshakes_refused_total{code="UNAUTHORIZED"}')).toBe(1);
    expect(samples.get('causette_handshakes_refused_total{code="ORIGIN_REJECTED"}')).toBe(1);
    expect(samples.get('causette_handshakes_refused_total{code="TOKEN_EXPIRED"}')).toBe(0);
    expect(samples.get('causette_db_query_duration_seconds_count')).toBeGreaterThan(0);
    expect(samples.has('nodejs_eventloop_lag_seconds')).toBe(true);
    // Nothing a client sent is a label.
    expect([...samples.keys()].join('\n')).not.toMatch(/user-42|u-advertiser|lyon/);

    socket.disconnect();
    const after = await scrapeUntil((s) => s.get('causette_sockets_connected') === 0);
    expect(after.get('causette_sockets_connected')).toBe(0);
  });
});
