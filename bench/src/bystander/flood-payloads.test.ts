import { MAX_PACKET_BYTES } from '@causette/protocol';
import { parseClientEvent, requestSchemas } from '@causette/protocol/schemas';
import { describe, expect, it } from 'vitest';
import { INVALID_SHAPES, invalidPayload, validPayload } from './flood-payloads';

const conversationId = '0190c3a4-5b6c-7d8e-9f00-112233445566';
const parse = (payload: unknown) => parseClientEvent(requestSchemas['message:send'], payload);

describe('invalidPayload', () => {
  it('goes through every shape in turn, with a clientId of its own', () => {
    const shapes = INVALID_SHAPES.map((_, n) => invalidPayload(n, conversationId, 'r').shape);
    expect(new Set(shapes).size).toBe(INVALID_SHAPES.length);
    expect(invalidPayload(INVALID_SHAPES.length, conversationId, 'r').shape).toBe(shapes[0]);
  });

  it('is refused by the schema, but for the malformed id, which only the server can refuse', () => {
    for (let n = 0; n < INVALID_SHAPES.length; n++) {
      const { shape, payload } = invalidPayload(n, conversationId, 'r');
      expect(parse(payload).ok, shape).toBe(shape === 'malformed-id');
    }
  });

  it('stays under the packet cap, so the socket is never cut', () => {
    for (let n = 0; n < INVALID_SHAPES.length; n++) {
      const { payload } = invalidPayload(n, conversationId, 'r');
      expect(JSON.stringify(payload ?? null).length).toBeLessThan(MAX_PACKET_BYTES - 1024);
    }
  });
});

describe('validPayload', () => {
  it('is a send the schema accepts, each with a unique clientId', () => {
    const first = validPayload(0, conversationId, 'r');
    const second = validPayload(1, conversationId, 'r');
    expect(first.shape).toBe('valid');
    expect(parse(first.payload).ok).toBe(true);
    expect(first.payload).not.toEqual(second.payload);
  });
});
