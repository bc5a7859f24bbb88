// Random payloads on every event, as a careless or hostile client would send them: the server
// must answer each request with a well-formed ack, keep the connection, and store nothing bad.
import { CLIENT_EVENT_NAMES, ERROR_CODES, isRequestEvent } from '@causette/protocol';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type TestClient, type TestServer, request, startTestServer } from './test-helpers';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });

let server: TestServer;
let client: TestClient;
let conversationId = '';

beforeAll(async () => {
  // A budget large enough that the fuzzing itself is never rate-limited into saying nothing.
  const budget = { capacity: 100_000, windowMs: 1_000 };
  server = await startTestServer({
    rateRules: { messages: budget, requests: budget, typing: budget },
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
          expect(typeof ack.error.message).toBe('string');
        }
        expect(client.connected).toBe(true);
      }),
      { numRuns: 300 },
    );
    expect(accepted).toBeGreaterThan(20);
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
