import type { Socket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { notifyOnSocket, requestOnSocket } from './socket-io-transport';

interface Packet {
  event: string;
  payload: unknown;
  ack?: (error: Error | null, response?: unknown) => void;
}

/**
 * Stands in for socket.io-client's Socket where it matters here: when `writable` is false (the
 * heartbeat expired while `connected` is still true) socket.io parks packets in `sendBuffer`.
 */
function fakeSocket(writable: boolean) {
  const sent: Packet[] = [];
  const sendBuffer: Packet[] = [];
  const push = (packet: Packet) => (writable ? sent : sendBuffer).push(packet);
  const socket = {
    sendBuffer,
    timeout: () => ({
      emitWithAck: (event: string, payload: unknown) =>
        new Promise((resolve, reject) =>
          push({
            event,
            payload,
            ack: (error, response) => (error ? reject(error) : resolve(response)),
          }),
        ),
    }),
    volatile: { emit: (event: string, payload: unknown) => push({ event, payload }) },
  };
  return { socket: socket as unknown as Socket, sent, sendBuffer };
}

describe('requestOnSocket', () => {
  it('resolves the raw ack', async () => {
    const { socket, sent } = fakeSocket(true);
    const pending = requestOnSocket(socket, 'sync', { cursors: {} }, 1000);
    sent[0]!.ack!(null, { ok: true, data: { n: 1 } });
    await expect(pending).resolves.toEqual({ ok: true, data: { n: 1 } });
  });

  it('never leaves a request in socket.io send buffer: OFFLINE instead', async () => {
    const { socket, sendBuffer } = fakeSocket(false);
    const pending = requestOnSocket(socket, 'message:send', {}, 1000);
    expect(sendBuffer).toHaveLength(0);
    await expect(pending).rejects.toMatchObject({ code: 'OFFLINE' });
  });

  it('maps socket.io ack failures to TIMEOUT', async () => {
    const { socket, sent } = fakeSocket(true);
    const timedOut = requestOnSocket(socket, 'sync', {}, 250);
    const dropped = requestOnSocket(socket, 'sync', {}, 250);
    sent[0]!.ack!(new Error('operation has timed out'));
    sent[1]!.ack!(new Error('socket has been disconnected'));
    await expect(timedOut).rejects.toMatchObject({
      code: 'TIMEOUT',
      message: 'no answer to sync within 250 ms',
    });
    await expect(dropped).rejects.toMatchObject({
      code: 'TIMEOUT',
      message: 'connection lost before the answer to sync',
    });
  });
});

describe('notifyOnSocket', () => {
  it('sends when writable and drops (not buffers) otherwise', () => {
    const live = fakeSocket(true);
    expect(notifyOnSocket(live.socket, 'typing:start', { conversationId: 'c' })).toBe(true);
    expect(live.sent).toHaveLength(1);
    const stale = fakeSocket(false);
    expect(notifyOnSocket(stale.socket, 'typing:start', { conversationId: 'c' })).toBe(false);
    expect(stale.sendBuffer).toHaveLength(0);
  });
});
