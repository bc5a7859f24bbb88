import { describe, expect, it } from 'vitest';
import { readBearerToken } from './bearer';

describe('readBearerToken', () => {
  it('reads the token of a Bearer header, any case', () => {
    expect(readBearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(readBearerToken('bearer   xyz ')).toBe('xyz');
  });

  it('returns undefined for anything else', () => {
    for (const header of [undefined, '', 'Basic dXNlcg==', 'Bearer', 'Bearer a b', 'Bearerabc']) {
      expect(readBearerToken(header)).toBeUndefined();
    }
  });
});
