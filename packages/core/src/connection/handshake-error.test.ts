import { describe, expect, it } from 'vitest';
import { readConnectError } from './handshake-error';

function refusal(code: string, message = `refused ${code}`) {
  return Object.assign(new Error(message), { data: { code, message } });
}

describe('readConnectError', () => {
  it('retries an expired token at once', () => {
    const failure = readConnectError(refusal('TOKEN_EXPIRED'));
    expect(failure.kind).toBe('expired');
    expect(failure.error).toMatchObject({
      code: 'TOKEN_EXPIRED',
      message: 'refused TOKEN_EXPIRED',
    });
  });

  it('stops on UNAUTHORIZED and ORIGIN_REJECTED', () => {
    expect(readConnectError(refusal('UNAUTHORIZED')).kind).toBe('fatal');
    expect(readConnectError(refusal('ORIGIN_REJECTED')).kind).toBe('fatal');
  });

  it('backs off on OVERLOADED, network errors and junk', () => {
    expect(readConnectError(refusal('OVERLOADED'))).toMatchObject({
      kind: 'transient',
      error: { code: 'OVERLOADED' },
    });
    const network = readConnectError(new Error('websocket error'));
    expect(network).toMatchObject({ kind: 'transient', error: { code: 'UNAVAILABLE' } });
    expect(network.error.message).toBe('websocket error');
    expect(readConnectError(refusal('SOMETHING_ELSE')).kind).toBe('transient');
    expect(readConnectError(undefined)).toMatchObject({
      kind: 'transient',
      error: { code: 'UNAVAILABLE', message: 'connection failed' },
    });
  });

  it('recognises the origin check refusal seen through the polling transport', () => {
    const err = Object.assign(new Error('xhr poll error'), {
      description: 403,
      context: { responseText: '{"code":4,"message":"ORIGIN_REJECTED"}' },
    });
    expect(readConnectError(err)).toMatchObject({
      kind: 'fatal',
      error: { code: 'ORIGIN_REJECTED' },
    });
    const otherForbidden = Object.assign(new Error('xhr poll error'), {
      description: 403,
      context: { responseText: 'Forbidden' },
    });
    expect(readConnectError(otherForbidden).kind).toBe('transient');
  });
});
