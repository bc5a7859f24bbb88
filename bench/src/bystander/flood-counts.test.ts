import { describe, expect, it } from 'vitest';
import { FloodCounts, answerCode } from './flood-counts';

describe('answerCode', () => {
  it('reads ok, a refusal code, or names a malformed answer', () => {
    expect(answerCode({ ok: true, data: {} })).toBe('ok');
    expect(answerCode({ ok: false, error: { code: 'RATE_LIMITED', retryAfterMs: 5 } })).toBe(
      'RATE_LIMITED',
    );
    expect(answerCode(undefined)).toBe('MALFORMED_ACK');
  });
});

describe('FloodCounts', () => {
  it('counts answers by code and by payload shape, and what is still unanswered', () => {
    const counts = new FloodCounts();
    for (let i = 0; i < 4; i++) counts.recordSent();
    counts.recordAnswer('null', 'INVALID');
    counts.recordAnswer('valid', 'ok');
    counts.recordAnswer('valid', 'RATE_LIMITED');
    expect(counts.answers).toEqual({ INVALID: 1, ok: 1, RATE_LIMITED: 1 });
    expect(counts.byPayload).toEqual({ null: { INVALID: 1 }, valid: { ok: 1, RATE_LIMITED: 1 } });
    expect(counts.outstanding).toBe(1);
  });
});
