import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ackError, ackOk, isErrorCode, isTransientError } from './errors';
import { CLIENT_EVENT_NAMES, SERVER_EVENT_NAMES, isRequestEvent } from './events';

describe('errors', () => {
  it('classes only UNAVAILABLE and RATE_LIMITED as transient', () => {
    expect(ERROR_CODES.filter(isTransientError)).toEqual(['RATE_LIMITED', 'UNAVAILABLE']);
  });

  it('builds acks, keeping retryAfterMs only when given', () => {
    expect(ackOk({ a: 1 })).toEqual({ ok: true, data: { a: 1 } });
    expect(ackError('FORBIDDEN', 'no')).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'no' },
    });
    expect(ackError('RATE_LIMITED', 'wait', 500)).toEqual({
      ok: false,
      error: { code: 'RATE_LIMITED', message: 'wait', retryAfterMs: 500 },
    });
  });

  it('recognises codes read off the wire', () => {
    expect(isErrorCode('NOT_FOUND')).toBe(true);
    expect(isErrorCode('not_found')).toBe(false);
    expect(isErrorCode(42)).toBe(false);
  });
});

describe('event names', () => {
  it('keeps the seed story names', () => {
    for (const name of ['message:send', 'typing:start', 'typing:stop', 'message:read']) {
      expect(CLIENT_EVENT_NAMES).toContain(name);
    }
    for (const name of [
      'message:new',
      'message:received',
      'typing:update',
      'user:status',
      'unread:count',
    ]) {
      expect(SERVER_EVENT_NAMES).toContain(name);
    }
  });

  it('knows which client events expect an ack', () => {
    expect(isRequestEvent('message:send')).toBe(true);
    expect(isRequestEvent('sync')).toBe(true);
    expect(isRequestEvent('typing:start')).toBe(false);
    expect(isRequestEvent('admin:drop')).toBe(false);
  });
});
