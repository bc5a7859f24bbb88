import { importJWK, jwtVerify } from 'jose';
import webpush from 'web-push';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VapidConfig } from '../config';
import {
  type TestPushService,
  startTestPushService,
  testSubscriber,
} from './push-endpoint.test-fixtures';
import { createWebPushSender, parseRetryAfter } from './sender';

const keys = webpush.generateVAPIDKeys();
const vapid: VapidConfig = { ...keys, subject: 'mailto:ops@example.com' };

let service: TestPushService;
beforeAll(async () => {
  service = await startTestPushService();
});
afterAll(() => service?.close());

const sender = (timeoutMs = 30_000) =>
  createWebPushSender({ vapid, ttlSeconds: 3600, timeoutMs, agent: service.agent });

/** Verifies a `vapid t=<jwt>, k=<key>` Authorization header against our VAPID public key. */
async function verifyVapid(authorization: string | undefined) {
  const match = /^vapid t=([^,]+), k=(.+)$/.exec(authorization ?? '');
  expect(match?.[2]).toBe(vapid.publicKey);
  const point = Buffer.from(vapid.publicKey, 'base64url');
  const key = await importJWK({
    kty: 'EC',
    crv: 'P-256',
    x: point.subarray(1, 33).toString('base64url'),
    y: point.subarray(33).toString('base64url'),
    alg: 'ES256',
  });
  const { payload } = await jwtVerify(match![1]!, key, { algorithms: ['ES256'] });
  return payload;
}

describe('createWebPushSender', () => {
  it('POSTs the payload encrypted for the subscription, signed with VAPID, with TTL and Topic', async () => {
    const browser = testSubscriber();
    const outcome = await sender()(
      browser.subscription(`${service.origin}/push/one`),
      JSON.stringify({ title: 'Ana', body: 'Bonjour' }),
      'topic_1',
    );
    expect(outcome).toEqual({ kind: 'sent' });
    const push = service.received.at(-1)!;
    expect(push.path).toBe('/push/one');
    expect(push.headers).toMatchObject({
      'content-encoding': 'aes128gcm',
      ttl: '3600',
      topic: 'topic_1',
      urgency: 'high',
    });
    expect(browser.decrypt(push.body)).toEqual({ title: 'Ana', body: 'Bonjour' });
    const claims = await verifyVapid(push.headers.authorization);
    expect(claims).toMatchObject({ aud: service.origin, sub: vapid.subject });
  });

  it('reads 404 and 410 as gone, 429 and 5xx as worth a retry, other 4xx as a refusal', async () => {
    const subscription = testSubscriber().subscription(`${service.origin}/push/two`);
    const send = () => sender()(subscription, '{}', 't');
    service.reply(
      { status: 410 },
      { status: 404 },
      { status: 503 },
      { status: 429, headers: { 'retry-after': '7' } },
      { status: 400 },
    );
    expect(await send()).toEqual({ kind: 'gone', status: 410 });
    expect(await send()).toEqual({ kind: 'gone', status: 404 });
    expect(await send()).toEqual({ kind: 'retry', status: 503 });
    expect(await send()).toEqual({ kind: 'retry', status: 429, retryAfterMs: 7000 });
    expect(await send()).toEqual({ kind: 'failed', status: 400 });
  });

  it('gives up waiting on a service that does not answer, to retry later', async () => {
    service.reply('hang');
    const subscription = testSubscriber().subscription(`${service.origin}/push/slow`);
    expect(await sender(200)(subscription, '{}', 't')).toEqual({ kind: 'retry' });
  });

  it('forgets a subscription whose keys cannot be encrypted for, without a request', async () => {
    const before = service.received.length;
    const subscription = {
      endpoint: `${service.origin}/push/bad`,
      keys: { p256dh: 'p', auth: 'a' },
    };
    expect(await sender()(subscription, '{}', 't')).toEqual({ kind: 'gone' });
    expect(service.received).toHaveLength(before);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, and ignores anything else', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
