import { describe, expect, it } from 'vitest';
import { MAX_CAPTION_LENGTH, MAX_TEXT_LENGTH } from './limits';
import { contentLength, contentProblem } from './text';

describe('contentLength', () => {
  it('counts code points, so emoji and accents count once', () => {
    expect(contentLength('café')).toBe(4);
    expect(contentLength('😀😀')).toBe(2);
    expect(contentLength('')).toBe(0);
  });
});

describe('contentProblem', () => {
  it('matches the server rule for text', () => {
    expect(contentProblem('TEXT', ' hi ')).toBeNull();
    expect(contentProblem('TEXT', '   ')).toMatch(/empty/);
    expect(contentProblem('TEXT', 'a'.repeat(MAX_TEXT_LENGTH + 1))).toMatch(/4000/);
    expect(contentProblem('TEXT', '😀'.repeat(MAX_TEXT_LENGTH))).toBeNull();
  });

  it('allows an empty caption but not a long one, and no SYSTEM from clients', () => {
    expect(contentProblem('IMAGE', '')).toBeNull();
    expect(contentProblem('IMAGE', 'x'.repeat(MAX_CAPTION_LENGTH + 1))).toMatch(/1000/);
    expect(contentProblem('SYSTEM', 'x')).toMatch(/server/);
  });

  it('refuses U+0000 in text and captions, as the server does', () => {
    expect(contentProblem('TEXT', 'a\u0000b')).toBe(
      'content must not contain the NUL character (U+0000)',
    );
    expect(contentProblem('IMAGE', '\u0000')).toMatch(/U\+0000/);
  });
});
