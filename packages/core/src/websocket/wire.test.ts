import { describe, expect, it } from 'vitest';
import { ENGINE, PACKET, byteLength, decodePacket, encodePacket, parseHandshake } from './wire';

describe('encodePacket', () => {
  it('frames a connect with its auth', () => {
    expect(encodePacket(PACKET.connect, { token: 't' })).toBe('40{"token":"t"}');
  });

  it('frames a connect without auth as the bare type', () => {
    expect(encodePacket(PACKET.connect)).toBe('40');
  });

  it('frames an event with and without an ack id', () => {
    expect(encodePacket(PACKET.event, ['sync', {}], 1)).toBe('421["sync",{}]');
    expect(encodePacket(PACKET.event, ['sync', {}], 0)).toBe('420["sync",{}]');
    expect(encodePacket(PACKET.event, ['typing', { on: true }], 123)).toBe(
      '42123["typing",{"on":true}]',
    );
    expect(encodePacket(PACKET.event, ['sync', {}])).toBe('42["sync",{}]');
  });

  it('frames a disconnect', () => {
    expect(encodePacket(PACKET.disconnect)).toBe('41');
  });

  it('keeps non-ASCII text as is', () => {
    expect(encodePacket(PACKET.event, ['m', 'é😀'])).toBe('42["m","é😀"]');
  });
});

describe('decodePacket', () => {
  it('decodes an event without an id', () => {
    expect(decodePacket('2["message:new",{"id":"m1"}]')).toEqual({
      type: 2,
      data: ['message:new', { id: 'm1' }],
    });
    expect(decodePacket('2["message:new",{"id":"m1"}]')).not.toHaveProperty('id');
  });

  it('decodes an event with an id', () => {
    expect(decodePacket('217["ping",1,2]')).toEqual({ type: 2, id: 17, data: ['ping', 1, 2] });
  });

  it('decodes an ack with its id and arguments', () => {
    expect(decodePacket('312[{"ok":true},"x"]')).toEqual({
      type: 3,
      id: 12,
      data: [{ ok: true }, 'x'],
    });
    expect(decodePacket('30[]')).toEqual({ type: 3, id: 0, data: [] });
  });

  it('decodes a connect with the session id', () => {
    expect(decodePacket('0{"sid":"abc"}')).toEqual({ type: 0, data: { sid: 'abc' } });
  });

  it('decodes a connect error with its payload', () => {
    const body = { message: 'TOKEN_EXPIRED', data: { code: 'TOKEN_EXPIRED', message: 'm' } };
    expect(decodePacket(`4${JSON.stringify(body)}`)).toEqual({ type: 4, data: body });
  });

  it('decodes a disconnect', () => {
    expect(decodePacket('1')).toEqual({ type: 1 });
  });

  it('accepts the explicit default namespace', () => {
    expect(decodePacket('2/,["a",1]')).toEqual({ type: 2, data: ['a', 1] });
    expect(decodePacket('3/,5["r"]')).toEqual({ type: 3, id: 5, data: ['r'] });
    expect(decodePacket('1/,')).toEqual({ type: 1 });
  });

  it('ignores another namespace', () => {
    expect(decodePacket('2/admin,["a",1]')).toBeUndefined();
    expect(decodePacket('0/admin,{"sid":"x"}')).toBeUndefined();
    expect(decodePacket('1/admin,')).toBeUndefined();
    // A namespace without the comma that ends it is malformed.
    expect(decodePacket('1/admin')).toBeUndefined();
  });

  it('refuses binary packets', () => {
    expect(decodePacket('51-["up",{"_placeholder":true,"num":0}]')).toBeUndefined();
    expect(decodePacket('61-3[{"_placeholder":true,"num":0}]')).toBeUndefined();
    expect(decodePacket('5["up",1]')).toBeUndefined();
    expect(decodePacket('63["r"]')).toBeUndefined();
  });

  it('refuses unknown types', () => {
    expect(decodePacket('7["a"]')).toBeUndefined();
    expect(decodePacket('x["a"]')).toBeUndefined();
    // Number('') and Number(' ') are 0: neither is a connect.
    expect(decodePacket('')).toBeUndefined();
    expect(decodePacket(' {"sid":"x"}')).toBeUndefined();
  });

  it('refuses malformed JSON', () => {
    expect(decodePacket('2["a",')).toBeUndefined();
    expect(decodePacket('0{sid}')).toBeUndefined();
    expect(decodePacket('31[oops]')).toBeUndefined();
  });

  it('refuses an event whose data is not an array or has no string name', () => {
    expect(decodePacket('2{"name":"a"}')).toBeUndefined();
    expect(decodePacket('2"a"')).toBeUndefined();
    expect(decodePacket('2')).toBeUndefined();
    expect(decodePacket('2[]')).toBeUndefined();
    expect(decodePacket('2[1,"a"]')).toBeUndefined();
    expect(decodePacket('24[null]')).toBeUndefined();
  });

  it('refuses an ack without an id or without an argument array', () => {
    expect(decodePacket('3["a"]')).toBeUndefined();
    expect(decodePacket('3')).toBeUndefined();
    expect(decodePacket('31{"ok":true}')).toBeUndefined();
    expect(decodePacket('31')).toBeUndefined();
  });

  it('reads back what encodePacket frames', () => {
    const frame = encodePacket(PACKET.event, ['conversation:get', { id: 'c1', n: [1, 2] }], 42);
    expect(frame.charAt(0)).toBe(ENGINE.message);
    expect(decodePacket(frame.slice(1))).toEqual({
      type: 2,
      id: 42,
      data: ['conversation:get', { id: 'c1', n: [1, 2] }],
    });
  });
});

describe('parseHandshake', () => {
  const valid = {
    sid: 'abc',
    upgrades: [],
    pingInterval: 25000,
    pingTimeout: 20000,
    maxPayload: 1000000,
  };

  it('reads the heartbeat and the payload limit', () => {
    expect(parseHandshake(JSON.stringify(valid))).toEqual({
      pingInterval: 25000,
      pingTimeout: 20000,
      maxPayload: 1000000,
    });
  });

  it('takes an absent or unusable maxPayload as no limit', () => {
    const { maxPayload: _, ...withoutLimit } = valid;
    expect(parseHandshake(JSON.stringify(withoutLimit))?.maxPayload).toBe(Infinity);
    expect(parseHandshake(JSON.stringify({ ...valid, maxPayload: 0 }))?.maxPayload).toBe(Infinity);
    expect(parseHandshake(JSON.stringify({ ...valid, maxPayload: '10' }))?.maxPayload).toBe(
      Infinity,
    );
  });

  it('refuses missing, non-numeric or non-positive ping numbers', () => {
    const { pingInterval: _i, ...noInterval } = valid;
    const { pingTimeout: _t, ...noTimeout } = valid;
    for (const body of [
      noInterval,
      noTimeout,
      { ...valid, pingInterval: 0 },
      { ...valid, pingTimeout: -1 },
      { ...valid, pingInterval: '25000' },
      { ...valid, pingTimeout: null },
    ]) {
      expect(parseHandshake(JSON.stringify(body)), JSON.stringify(body)).toBeUndefined();
    }
    // A number too large for a double parses as Infinity.
    expect(parseHandshake('{"pingInterval":1e400,"pingTimeout":1}')).toBeUndefined();
  });

  it('refuses bad JSON and non-objects', () => {
    expect(parseHandshake('{"pingInterval":1')).toBeUndefined();
    expect(parseHandshake('')).toBeUndefined();
    expect(parseHandshake('null')).toBeUndefined();
    expect(parseHandshake('42')).toBeUndefined();
    expect(parseHandshake('"x"')).toBeUndefined();
  });
});

describe('byteLength', () => {
  it('counts UTF-8 bytes', () => {
    expect(byteLength('')).toBe(0);
    expect(byteLength('abc')).toBe(3);
    expect(byteLength('é')).toBe(2);
    expect(byteLength('€')).toBe(3);
    expect(byteLength('😀')).toBe(4);
    expect(byteLength('42["m","é😀"]')).toBe(16);
  });
});
