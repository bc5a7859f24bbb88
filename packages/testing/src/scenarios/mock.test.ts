// The shared protocol scenarios against the mock server (examples/server runs them on the real one).
import { io } from 'socket.io-client';
import { afterAll, beforeAll } from 'vitest';
import { createMockChatServer } from '../mock-server/server';
import { defineProtocolScenarios } from './index';
import type { ScenarioSocket } from './harness';

const server = createMockChatServer({ presenceGraceMs: 50 });
beforeAll(() => server.listen());
afterAll(() => server.close());

let counter = 0;

defineProtocolScenarios({
  name: 'mock server',
  presenceGraceMs: 50,
  timeoutMs: 2000,
  newUser() {
    const id = `u-scenario-${++counter}`;
    server.addUser({ id, displayName: `Scenario ${counter}`, role: 'owner' });
    return id;
  },
  connect(userId) {
    const socket = io(server.url, {
      auth: { token: server.tokenFor(userId) },
      reconnection: false,
      forceNew: true,
      ...server.clientOptions(),
    });
    return new Promise<ScenarioSocket>((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });
  },
});
