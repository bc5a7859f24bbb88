// The README's client as a bot on plain Node runs it: a child `node` process with no flag, the
// published build of @causette/core (dist/, as `npm install` gives it), no WebSocket option.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { ALICE, signToken, useChatServer } from './sdk-test-helpers';

const run = promisify(execFile);

// A child Node process loads core and connects: seconds on a loaded two-core CI machine.
vi.setConfig({ testTimeout: 60_000 });

const bot = `
import { createChatClient } from '@causette/core';
const client = createChatClient({ url: process.env.CHAT_URL, getToken: () => process.env.CHAT_TOKEN });
client.connect();
await client.loadConversations();
const state = client.getSnapshot();
console.log(JSON.stringify({
  status: state.connection.status,
  conversations: state.conversations.order.length,
  storage: state.storage.kind,
  globalWebSocket: typeof globalThis.WebSocket,
}));
client.destroy();
`;

describe('a Node bot on the default client', () => {
  const chat = useChatServer();

  it('connects on plain Node (no flag, no WebSocket option) and loads its conversations', async () => {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', bot], {
      cwd: import.meta.dirname,
      env: { ...process.env, CHAT_URL: chat.server.url, CHAT_TOKEN: await signToken(ALICE) },
      timeout: 60_000,
    });
    const report = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
    expect(report).toMatchObject({ status: 'connected', storage: 'memory' });
    expect(report.conversations).toBeGreaterThan(0);
    // On Node 20 there is no global WebSocket: socket.io-client brings its own (the ws package).
    if (process.versions.node.startsWith('20.')) expect(report.globalWebSocket).toBe('undefined');
  });
});
