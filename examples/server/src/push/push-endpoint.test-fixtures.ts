// A push service and a browser's side of a subscription, for tests: an HTTPS server on
// 127.0.0.1 with a self-signed certificate (made by the openssl binary; Node cannot make X.509
// certificates), and a real subscription key pair whose private half decrypts what was pushed.
import { execFileSync } from 'node:child_process';
import { createECDH, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { Agent, createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PushSubscriptionJSON } from '@causette/protocol';
import { decrypt } from 'http_ece';

/** A request the push service received. */
export interface ReceivedPush {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** How the push service answers a request; `hang` never answers (until `close`). */
export type Reply = { status: number; headers?: Record<string, string> } | 'hang';

export interface TestPushService {
  /** `https://127.0.0.1:<port>`. */
  origin: string;
  /** An agent that trusts the service's certificate. */
  agent: Agent;
  received: ReceivedPush[];
  /** Answers for the next requests, in order; 201 once they are used up. */
  reply(...replies: Reply[]): void;
  /** Resolves with the next request received (or one already received and not yet taken). */
  nextPush(): Promise<ReceivedPush>;
  /** Answers the requests left hanging, with 201. */
  release(): void;
  /** Forgets what was received and the answers not yet used (between tests). */
  clear(): void;
  close(): Promise<void>;
}

let certificate: { key: string; cert: string } | undefined;

/** A self-signed certificate for 127.0.0.1, made once per test process. */
function testCertificate(): { key: string; cert: string } {
  if (certificate) return certificate;
  const dir = mkdtempSync(path.join(tmpdir(), 'causette-push-cert-'));
  try {
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    );
    certificate = { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
    return certificate;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Starts a push service on 127.0.0.1, answering 201 unless told otherwise. */
export async function startTestPushService(): Promise<TestPushService> {
  const { key, cert } = testCertificate();
  const replies: Reply[] = [];
  const received: ReceivedPush[] = [];
  let taken = 0;
  const waiting: Array<(push: ReceivedPush) => void> = [];
  const hung: ServerResponse[] = [];
  const server = createServer({ key, cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const push = { path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
      received.push(push);
      const reply = replies.shift() ?? { status: 201 };
      if (reply === 'hang') hung.push(res);
      else res.writeHead(reply.status, reply.headers).end();
      const waiter = waiting.shift();
      if (waiter) {
        taken += 1;
        waiter(push);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const agent = new Agent({ ca: cert });
  return {
    origin: `https://127.0.0.1:${port}`,
    agent,
    received,
    reply: (...next) => void replies.push(...next),
    nextPush() {
      const next = received[taken];
      if (next) {
        taken += 1;
        return Promise.resolve(next);
      }
      return new Promise((resolve) => waiting.push(resolve));
    },
    release() {
      for (const res of hung.splice(0)) res.writeHead(201).end();
    },
    clear() {
      received.length = 0;
      replies.length = 0;
      taken = 0;
    },
    async close() {
      for (const res of hung) res.destroy();
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A browser's push subscription keys, and the decryption only that browser can do. */
export interface TestSubscriber {
  subscription(endpoint: string): PushSubscriptionJSON;
  /** The push's plaintext (aes128gcm, RFC 8291), parsed as JSON. */
  decrypt(body: Buffer): unknown;
}

export function testSubscriber(): TestSubscriber {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return {
    subscription: (endpoint) => ({
      endpoint,
      expirationTime: null,
      keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') },
    }),
    decrypt: (body) =>
      JSON.parse(
        decrypt(body, { version: 'aes128gcm', privateKey: ecdh, authSecret: auth }).toString(
          'utf8',
        ),
      ) as unknown,
  };
}
