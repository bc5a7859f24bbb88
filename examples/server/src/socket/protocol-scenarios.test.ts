// The protocol scenarios shared with @causette/testing's mock server, run against this server: where
// the two differ, this server is the truth and the mock is fixed.
import { randomUUID } from 'node:crypto';
import { type ScenarioSocket, defineProtocolScenarios } from '@causette/testing/scenarios';
import { afterAll, beforeAll, vi } from 'vitest';
import { type TestServer, startTestServer } from './test-helpers';

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
