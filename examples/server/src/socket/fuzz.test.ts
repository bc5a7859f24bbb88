// Random payloads on every event, as a careless or hostile client would send them: the server
// must answer each request with a well-formed ack, keep the connection, and store nothing bad.
import { CLIENT_EVENT_NAMES, ERROR_CODES, isRequestEvent } from '@causette/protocol';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type LogLine,
  type TestClient,
  type TestServer,
  capturingLogger,
  request,
  startTestServer,
} from './test-helpers';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });

let server: TestServer;
let client: TestClient;
let conversationId = '';
/** Everything the server logged: a careless client must never make it log an error. */
let logged: LogLine[] = [];
const errorsLogged = () => logged.filter((line) => line.level >= 50);

beforeAll(async () => {
  // A budget large enough that the fuzzing itself is never rate-limited into saying nothing.
  const budget = { capacity: 100_000, windowMs: 1_000 };
  const { logger, lines } = capturingLogger('warn');
  logged = lines;
  server = await startTestServer({
    rateRules: { messages: budget, requests: budget, typing: budget },
    logger,
  });
  client = await server.connect('fuzz-a');
  await server.connect('fuzz-b');
  const opened = await request(client, 'conversation:open', { participantIds: ['fuzz-b'] });
  conversationId = opened.data.conversation.id;
});
afterAll(() => server.close());

/** Anything JSON can carry, plus values that look almost right. */
const nearMiss = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
  fc.record(
    {
      clientId: fc.oneof(fc.uuid(), fc.string({ maxLength: 200 }), fc.integer()),
      conversationId: fc.oneof(fc.constant('__conversation__'), fc.string(), fc.uuid()),
      content: fc.oneof(fc.string({ maxLength: 5000 }), fc.integer(), fc.constant('')),
      type: fc.constantFrom('TEXT', 'IMAGE', 'SYSTEM', 'text', 42),
      messageId: fc.oneof(fc.uuid(), fc.string()),
      beforeSeq: fc.oneof(fc.integer(), fc.double(), fc.string()),
      afterSeq: fc.oneof(fc.integer(), fc.double()),
      limit: fc.oneof(fc.integer({ min: -5, max: 500 }), fc.string()),
      query: fc.string({ maxLength: 300 }),
      userIds: fc.array(fc.string(), { maxLength: 5 }),
      participantIds: fc.array(fc.oneof(fc.constant('fuzz-b'), fc.string()), { maxLength: 4 }),
      cursors: fc.dictionary(fc.string(), fc.oneof(fc.integer(), fc.string())),
      cursor: fc.string(),
      endpoint: fc.string(),
      senderId: fc.string(),
      seq: fc.integer(),
    },
    { requiredKeys: [] },
  ),
);

/** Well-formed sends now and then, so the fuzzing also runs the paths that store. */
const validSend = fc.record({
  clientId: fc.uuid(),
  conversationId: fc.constant('__conversation__'),
  type: fc.constant('TEXT'),
  content: fc.string({ minLength: 1, maxLength: 50 }).filter((t) => t.trim().length > 0),
});

/** Replaces the placeholder with the real conversation, so some payloads get past membership. */
function resolve(payload: unknown): unknown {
  if (payload && typeof payload === 'object' && 'conversationId' in payload) {
    const record = payload as Record<string, unknown>;
    if (record.conversationId === '__conversation__') return { ...record, conversationId };
  }
  return payload;
}

describe('the socket layer under random payloads', () => {
  it('acks every request with ok or a protocol error code, and keeps the connection', async () => {
    const events = [...CLIENT_EVENT_NAMES, 'message:delete', 'admin:everything', '__proto__'];
    let accepted = 0;
    const call = fc.oneof(
      fc.tuple(fc.constantFrom(...events), nearMiss),
      fc.tuple(fc.constant('message:send'), validSend),
    );
    await fc.assert(
      fc.asyncProperty(call, async ([event, raw]) => {
        const payload = resolve(raw);
        if (!isRequestEvent(event) && event.startsWith('typing:')) {
          // Volatile events take no ack: they must simply not hurt.
          client.emit(event as 'typing:start', payload as { conversationId: string });
          return;
        }
        const ack = await request(client, event, payload);
        expect(typeof ack.ok).toBe('boolean');
        if (ack.ok) accepted++;
        else {
          expect(ERROR_CODES).toContain(ack.error.code);
          expect(ack.error.code).not.toBe('INTERNAL');
          expect(typeof ack.error.message).toBe('string');
        }
        expect(client.connected).toBe(true);
      }),
      { numRuns: 300 },
    );
    expect(accepted).toBeGreaterThan(20);
    expect(errorsLogged()).toEqual([]);
    // Still fully working afterwards.
    const sent = await request(client, 'message:send', {
      clientId: crypto.randomUUID(),
      conversationId,
      type: 'TEXT',
      content: 'toujours là',
    });
    expect(sent.ok).toBe(true);
  });

  it('answers a request without an ack callback, or with the ack first, without a crash', async () => {
    const raw = client as unknown as { emit(e: string, ...a: unknown[]): void };
    raw.emit('message:history');
    raw.emit('message:send', () => undefined);
    const ack = await request(client, 'conversation:list', {});
    expect(ack.ok).toBe(true);
    expect(client.connected).toBe(true);
  });

  it('stored only valid messages, gap-free', async () => {
    const history = await request(client, 'message:history', { conversationId, limit: 100 });
    const { messages } = history.data as {
      messages: { seq: number; senderId: string; type: string; content: string }[];
    };
    expect(messages.length).toBeGreaterThan(20);
    messages.forEach((m, i) => {
      expect(m.seq).toBe(messages[0]!.seq + i);
      expect(m.senderId).toBe('fuzz-a');
      expect(m.type === 'TEXT' || m.type === 'IMAGE').toBe(true);
      if (m.type === 'TEXT') expect(m.content.trim().length).toBeGreaterThan(0);
    });
  });
});

describe('a malformed id, in every field of every event that takes one', () => {
  /** Not shaped like the server's ids (UUIDs), but a string the schema lets through. */
  const NOT_A_UUID = 'not-a-uuid';
  /** What the schema refuses: too long, U+0000, and every non-string. */
  const malformed: Array<[string, unknown]> = [
    ['a 10 kB string', 'x'.repeat(10_000)],
    ['a NUL', 'a\u0000b'],
    ['a number', 42],
    ['null', null],
    ['an object', { id: 1 }],
  ];
  const send = (fields: Record<string, unknown>) => ({
    clientId: crypto.randomUUID(),
    conversationId,
    type: 'TEXT',
    content: 'x',
    ...fields,
  });
  const keys = { p256dh: 'k', auth: 'a' };
  type Answer = 'ok' | 'FORBIDDEN' | 'INVALID';
  // event, field (as INVALID names it), the answer to NOT_A_UUID, and the payload with the id in
  // that field. A conversation or message id of nothing yours is FORBIDDEN, as a stranger's is;
  // user ids are the host app's free strings, so an unknown one is FORBIDDEN too (nobody learns
  // which exist); cursors and endpoints are INVALID.
  const rows: Array<[string, string, Answer, (id: unknown) => unknown]> = [
    ['message:send', 'clientId', 'ok', (id) => send({ clientId: id })],
    ['message:send', 'conversationId', 'FORBIDDEN', (id) => send({ conversationId: id })],
    ['message:history', 'conversationId', 'FORBIDDEN', (id) => ({ conversationId: id })],
    ['message:read', 'messageId', 'FORBIDDEN', (id) => ({ messageId: id })],
    ['message:unread', 'conversationId', 'FORBIDDEN', (id) => ({ conversationId: id })],
    ['message:unread', 'messageId', 'FORBIDDEN', (id) => ({ conversationId, messageId: id })],
    ['message:search', 'conversationId', 'FORBIDDEN', (id) => ({ query: 'x', conversationId: id })],
    ['message:search', 'cursor', 'INVALID', (id) => ({ query: 'x', cursor: id })],
    ['conversation:list', 'cursor', 'INVALID', (id) => ({ cursor: id })],
    ['conversation:get', 'conversationId', 'FORBIDDEN', (id) => ({ conversationId: id })],
    ['conversation:open', 'participantIds.0', 'FORBIDDEN', (id) => ({ participantIds: [id] })],
    ['sync', 'cursors (a key)', 'ok', (id) => ({ cursors: { [String(id)]: 0 } })],
    ['presence:get', 'userIds.0', 'FORBIDDEN', (id) => ({ userIds: [id] })],
    [
      'push:subscribe',
      'subscription.endpoint',
      'INVALID',
      (id) => ({ subscription: { endpoint: id, keys } }),
    ],
    ['push:unsubscribe', 'endpoint', 'INVALID', (id) => ({ endpoint: id })],
    // Volatile, sent with an ack anyway to see what became of them: dropped answers ok.
    ['typing:start', 'conversationId', 'ok', (id) => ({ conversationId: id })],
    ['typing:stop', 'conversationId', 'ok', (id) => ({ conversationId: id })],
  ];

  const codeOf = (ack: { ok: boolean; error?: { code: string } }) =>
    ack.ok ? 'ok' : ack.error?.code;

  it.each(rows)(
    '%s answers %s: %s for a well-formed id of nothing',
    async (event, field, answer, payload) => {
      const before = logged.length;
      expect(codeOf(await request(client, event, payload(NOT_A_UUID))), field).toBe(answer);
      expect(logged.slice(before).filter((line) => line.level >= 50)).toEqual([]);
    },
  );

  it.each(rows)(
    '%s answers %s: INVALID naming it for any malformed id',
    async (event, field, _answer, payload) => {
      const before = logged.length;
      for (const [name, id] of malformed) {
        // JSON object keys are strings: only the string-shaped malformations can be a sync key.
        if (event === 'sync' && typeof id !== 'string') continue;
        const ack = await request(client, event, payload(id));
        expect(codeOf(ack), `${field} as ${name}`).toBe('INVALID');
        expect(ack.error.message.startsWith(`${field}: `), `${field} as ${name}`).toBe(true);
      }
      expect(logged.slice(before).filter((line) => line.level >= 50)).toEqual([]);
    },
  );

  it('answers INVALID for U+0000 in any text a user writes, logging nothing', async () => {
    const nul = 'a\u0000b';
    const attachment = {
      url: 'https://uploads.test/a.png',
      publicId: 'a',
      width: 1,
      height: 1,
      bytes: 1,
      format: 'png',
    };
    const subject = { type: 'listing', id: 'L-1' };
    const subscription = { endpoint: 'https://push.test/x', keys };
    const cases: Array<[string, unknown, string]> = [
      ['message:send', send({ content: nul }), 'content'],
      ['message:send', send({ type: 'IMAGE', content: nul, attachment }), 'content'],
      ['message:search', { query: nul }, 'query'],
      [
        'conversation:open',
        { participantIds: ['fuzz-b'], subject: { ...subject, id: nul } },
        'subject.id',
      ],
      [
        'conversation:open',
        { participantIds: ['fuzz-b'], subject: { ...subject, title: nul } },
        'subject.title',
      ],
      [
        'push:subscribe',
        { subscription: { ...subscription, keys: { ...keys, auth: nul } } },
        'subscription.keys.auth',
      ],
    ];
    const before = logged.length;
    for (const [event, payload, field] of cases) {
      expect(await request(client, event, payload), `${event} ${field}`).toEqual({
        ok: false,
        error: {
          code: 'INVALID',
          message: `${field}: must not contain the NUL character (U+0000)`,
        },
      });
    }
    expect(logged.slice(before)).toEqual([]);
  });
});
