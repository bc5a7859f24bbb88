// Its own page: a failed service worker registration must not leak into the main browser suite.
import { expect, it } from 'vitest';
import { createMockChatServer } from './server';

it('says how to serve msw worker script when it is missing', async () => {
  const server = createMockChatServer();
  await expect(server.listen({ serviceWorkerUrl: '/missing-worker.js' })).rejects.toThrow(
    /could not start its worker from \/missing-worker\.js.*serviceWorkerUrl/,
  );
  await server.close();
});
