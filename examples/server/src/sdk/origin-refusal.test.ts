// @causette/core against the real server from a browser origin the server does not allow: the
// client stops in `unauthorized` with ORIGIN_REJECTED instead of retrying without end.
import { socketIoTransport } from '@causette/core';
import { webSocketTransport } from '@causette/core/websocket';
import { describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { ALICE, makeClient, sdkTestTransport, until, useChatServer } from './sdk-test-helpers';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 120_000 });

const chat = useChatServer({ env: { ALLOWED_ORIGINS: 'https://app.test' } });
const EVIL = 'https://evil.test';

/** The `ws` package's WebSocket sending the Origin a page of `EVIL` would. */
class WebSocketFromEvil extends WebSocket {
  constructor(url: string) {
    super(url, { origin: EVIL });
  }
}

describe('a refused origin', () => {
  it('ends in unauthorized with ORIGIN_REJECTED, without retrying', async () => {
    const transport =
      sdkTestTransport === 'websocket'
        ? webSocketTransport({ WebSocket: WebSocketFromEvil })
        : socketIoTransport({ extraHeaders: { Origin: EVIL } });
    const client = makeClient(chat.server.url, ALICE, { socketOptions: { transport } });
    client.connect();
    const state = await until(client, (s) => s.connection.status === 'unauthorized');
    expect(state.connection.lastError?.code).toBe('ORIGIN_REJECTED');
    expect(state.connection.nextRetryAt).toBeUndefined();
  });
});
