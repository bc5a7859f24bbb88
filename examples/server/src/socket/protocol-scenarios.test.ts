// The protocol scenarios shared with @causette/testing's mock server, run against this server: where
// the two differ, this server is the truth and the mock is fixed.
import { randomUUID } from 'node:crypto';
import { webSocketTransport } from '@causette/core/websocket';
import { type ScenarioSocket, defineProtocolScenarios } from '@causette/testing/scenarios';
import { afterAll, beforeAll, vi } from 'vitest';
import { WebSocket } from 'ws';
import { connectThrough } from './chat-socket-scenarios';
import { type TestServer, signTestToken, startTestServer } from './test-helpers';

// PGlite runs PostgreSQL in WebAssembly: generous limits on slow shared machines.
vi.setConfig({ hookTimeout: 600_000 });

const PRESENCE_GRACE_MS = 300;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    presenceGraceMs: PRESENCE_GRACE_MS,
    rateRules: { messages: { capacity: 500, windowMs: 10_000 } },
  });
}, 600_000);
afterAll(() => server?.close());

defineProtocolScenarios({
  name: 'reference server',
  // Any user with a valid token exists once connected (the handshake upserts them).
  newUser: () => `u-${randomUUID()}`,
  // The typed client narrows event names; the scenarios also send unknown ones on purpose.
  connect: async (userId) => (await server.connect(userId)) as unknown as ScenarioSocket,
  presenceGraceMs: PRESENCE_GRACE_MS,
  timeoutMs: 60_000,
  testTimeoutMs: 120_000,
});

// The same scenarios through the WebSocket-only transport of `@causette/core/websocket` (its own
// socket.io framing), on the `ws` package's WebSocket as on Node 20.
defineProtocolScenarios({
  name: 'reference server through the WebSocket-only transport of @causette/core',
  newUser: () => `u-${randomUUID()}`,
  connect: async (userId) =>
    connectThrough(
      webSocketTransport({ WebSocket }),
      server.url,
      await signTestToken({ sub: userId, name: `User ${userId}` }),
      60_000,
    ),
  presenceGraceMs: PRESENCE_GRACE_MS,
  timeoutMs: 60_000,
  testTimeoutMs: 120_000,
});
