import { describe, expect, it } from 'vitest';
import {
  MARK_END,
  MARK_START,
  escapeHtml,
  prefixQuery,
  stripSentinels,
  toSnippet,
} from './search-query';

describe('prefixQuery', () => {
  it('matches the last word as a prefix, the others whole', () => {
    expect(prefixQuery('appart')).toBe(`'appart':*`);
    expect(prefixQuery('grand appart')).toBe(`'grand' & 'appart':*`);
    expect(prefixQuery("l'été à Lyon")).toBe(`'l' & 'été' & 'à' & 'Lyon':*`);
  });

  it('leaves quoted, negated and OR queries to websearch syntax', () => {
    expect(prefixQuery('"T2 Lyon"')).toBeNull();
    expect(prefixQuery('balcon -garage')).toBeNull();
    expect(prefixQuery('balcon or terrasse')).toBeNull();
  });

  it('never lets tsquery syntax through', () => {
    expect(prefixQuery("a & b | !c ' :* (dd)")).toBe(`'a' & 'b' & 'c' & 'dd':*`);
    expect(prefixQuery('&|!():*')).toBeNull();
    expect(prefixQuery('x')).toBeNull();
  });
});

describe('snippets', () => {
  it('escapes the text and turns sentinels into <mark>', () => {
    const headline = `${escapeHtml('<b>Un')} ${MARK_START}été${MARK_END} ${escapeHtml('& 3 < 4')}`;
    expect(toSnippet(headline)).toBe('&lt;b&gt;Un <mark>été</mark> &amp; 3 &lt; 4');
  });

  it('balances marks cut by a fragment and drops stray ends', () => {
    expect(toSnippet(`${MARK_END}a ${MARK_START}b`)).toBe('a <mark>b</mark>');
    expect(toSnippet(`${MARK_START}${MARK_START}a${MARK_END}${MARK_END}`)).toBe('<mark>a</mark>');
  });

  it('removes sentinels a user typed', () => {
    expect(stripSentinels(`a${MARK_START}b${MARK_END}c`)).toBe('abc');
  });
});
