/// <reference lib="dom" />
// Importing @causette/core in a page does nothing by itself, and a client does nothing before
// connect() but watch the tab's visibility: an SSR page or a route that never chats pays only
// the bytes. socket.io-client, the default transport, hooks two passive window events when its
// module loads (engine.io's `offline` and `pagehide`, which stop its own sockets and requests);
// the WebSocket-only entry adds nothing.
import { describe, expect, it, vi } from 'vitest';

describe('@causette/core in Chromium, before connect()', () => {
  it('adds no listener, timer, socket or database at import; a client only a listener', async () => {
    const spies = {
      windowListeners: vi.spyOn(window, 'addEventListener'),
      documentListeners: vi.spyOn(document, 'addEventListener'),
      documentRemovals: vi.spyOn(document, 'removeEventListener'),
      timeouts: vi.spyOn(window, 'setTimeout'),
      intervals: vi.spyOn(window, 'setInterval'),
      sockets: vi.spyOn(window, 'WebSocket'),
      databases: vi.spyOn(indexedDB, 'open'),
    };
    const counts = () =>
      Object.fromEntries(Object.entries(spies).map(([name, spy]) => [name, spy.mock.calls.length]));
    const nothing = {
      windowListeners: 0,
      documentListeners: 0,
      documentRemovals: 0,
      timeouts: 0,
      intervals: 0,
      sockets: 0,
      databases: 0,
    };
    try {
      await import('@causette/core/websocket');
      expect(counts()).toEqual(nothing);
      const core = await import('@causette/core');
      expect(spies.windowListeners.mock.calls.map(([type]) => type).sort()).toEqual([
        'offline',
        'pagehide',
      ]);
      spies.windowListeners.mockClear();
      expect(counts()).toEqual(nothing);

      const client = core.createChatClient({ url: location.origin, getToken: () => 'unused' });
      // The read state follows the tab's visibility (a conversation in view is read only when seen).
      expect(counts()).toEqual({ ...nothing, documentListeners: 1 });
      const [type, listener] = spies.documentListeners.mock.calls[0]!;
      expect(type).toBe('visibilitychange');
      client.destroy();
      expect(spies.documentRemovals).toHaveBeenCalledWith(type, listener);
    } finally {
      for (const spy of Object.values(spies)) spy.mockRestore();
    }
  });
});
