import { afterEach, expect, it } from 'vitest';
import { createMockChatServer } from './server';
import { connect, disconnectAll } from './test-clients.test-fixtures';

// A closed local port: once interception stops, a connection fails fast and never leaves the host.
const server = createMockChatServer({ url: 'http://127.0.0.1:9' });
afterEach(async () => {
  disconnectAll();
  await server.close();
});

it('starts msw once when listen() is called again before the first call settles', async () => {
  await Promise.all([server.listen(), server.listen()]);
  const alice = await connect(server, 'u-alice');
  expect(alice.connected).toBe(true);
  expect(server.state.socketCount('u-alice')).toBe(1);
});

it('stops intercepting on close() and intercepts again on the next listen()', async () => {
  await server.listen();
  await server.close();
  await expect(connect(server, 'u-alice')).rejects.toThrow();
  await server.listen();
  expect((await connect(server, 'u-alice')).connected).toBe(true);
});

it('rejects a serviceWorkerUrl that is not a non-empty string', async () => {
  await expect(server.listen({ serviceWorkerUrl: '' })).rejects.toThrow(/serviceWorkerUrl/);
  await expect(server.listen({ serviceWorkerUrl: 42 as unknown as string })).rejects.toThrow(
    /serviceWorkerUrl/,
  );
});
