import { describe, expect, it } from 'vitest';
import {
  decodeClientFrame,
  decodeSocketPacket,
  encodeAck,
  encodeConnectError,
  encodeEvent,
} from './wire';

describe('wire framing', () => {
  it('reads CONNECT with auth, EVENT with and without ack id, DISCONNECT', () => {
    expect(decodeSocketPacket('0{"token":"t"}')).toEqual({
      kind: 'connect',
      nsp: '/',
      auth: { token: 't' },
    });
    expect(decodeSocketPacket('0')).toEqual({ kind: 'connect', nsp: '/', auth: undefined });
    expect(decodeSocketPacket('212["sync",{"cursors":{}}]')).toEqual({
      kind: 'event',
      nsp: '/',
      event: 'sync',
      args: [{ cursors: {} }],
      ackId: 12,
    });
    expect(decodeSocketPacket('2["typing:start",{}]')).toEqual({
      kind: 'event',
      nsp: '/',
      event: 'typing:start',
      args: [{}],
    });
    expect(decodeSocketPacket('2/admin,3["x"]')).toMatchObject({ nsp: '/admin', ackId: 3 });
    expect(decodeSocketPacket('1')).toEqual({ kind: 'disconnect', nsp: '/' });
  });

  it('ignores what it cannot read instead of throwing', () => {
    expect(decodeSocketPacket('2[broken')).toBeNull();
    expect(decodeSocketPacket('2{}')).toBeNull();
    expect(decodeSocketPacket('9')).toBeNull();
    expect(decodeClientFrame(new Uint8Array([1]))).toEqual({ kind: 'ignored' });
    expect(decodeClientFrame('')).toEqual({ kind: 'ignored' });
    expect(decodeClientFrame('2')).toEqual({ kind: 'ping' });
    expect(decodeClientFrame('3')).toEqual({ kind: 'pong' });
    expect(decodeClientFrame('1')).toEqual({ kind: 'close' });
    expect(decodeClientFrame('42["a",1]')).toMatchObject({
      kind: 'packet',
      packet: { event: 'a' },
    });
  });

  it('writes events, acks and the refused handshake socket.io-client understands', () => {
    expect(encodeEvent('message:new', { a: 1 })).toBe('42["message:new",{"a":1}]');
    expect(encodeAck(7, { ok: true, data: {} })).toBe('437[{"ok":true,"data":{}}]');
    expect(
      encodeConnectError('token expired', { code: 'TOKEN_EXPIRED', message: 'token expired' }),
    ).toBe(
      '44{"message":"token expired","data":{"code":"TOKEN_EXPIRED","message":"token expired"}}',
    );
  });
});
