import { describe, expect, it } from 'vitest';
import { ChatError } from '../errors';
import { parseAck } from './ack';

function failure(response: unknown): ChatError {
  try {
    parseAck('message:send', response);
  } catch (error) {
    if (error instanceof ChatError) return error;
    throw error;
  }
  throw new Error('expected parseAck to throw');
}

describe('parseAck', () => {
  it('returns the data of an ok ack', () => {
    expect(parseAck('sync', { ok: true, data: { a: 1 } })).toEqual({ a: 1 });
    expect(parseAck('push:subscribe', { ok: true, data: {} })).toEqual({});
  });

  it('throws the server error with its code, message and retryAfterMs', () => {
    const error = failure({
      ok: false,
      error: { code: 'RATE_LIMITED', message: 'slow down', retryAfterMs: 1200 },
    });
    expect(error).toMatchObject({ code: 'RATE_LIMITED', message: 'slow down', retryAfterMs: 1200 });
    expect(error.transient).toBe(true);
    const permanent = failure({ ok: false, error: { code: 'FORBIDDEN', message: 'no' } });
    expect(permanent).toMatchObject({ code: 'FORBIDDEN', message: 'no' });
    expect(permanent.retryAfterMs).toBeUndefined();
    expect(permanent.transient).toBe(false);
  });

  it('ignores a nonsensical retryAfterMs and fills an empty message with the code', () => {
    const error = failure({
      ok: false,
      error: { code: 'UNAVAILABLE', message: '', retryAfterMs: -5 },
    });
    expect(error.message).toBe('UNAVAILABLE');
    expect(error.retryAfterMs).toBeUndefined();
  });

  it.each([
    ['undefined', undefined],
    ['a string', 'ok'],
    ['an array', [true]],
    ['no ok flag', { data: {} }],
    ['ok without data', { ok: true }],
    ['error without code', { ok: false, error: { message: 'x' } }],
    ['unknown error code', { ok: false, error: { code: 'TEAPOT', message: 'x' } }],
    ['error not an object', { ok: false, error: 'nope' }],
  ])('turns a malformed ack (%s) into INTERNAL naming the event', (_label, response) => {
    const error = failure(response);
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toContain('message:send');
  });
});
