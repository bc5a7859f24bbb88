import { describe, expect, it } from 'vitest';
import { foldText, snippetOf } from './search';

describe('search helpers', () => {
  it('folds accents and case', () => {
    expect(foldText('Élodie TRÈS Çà')).toBe('elodie tres ca');
  });

  it('marks every matching word, escapes HTML and cuts long texts around the first match', () => {
    expect(snippetOf('Un <b>balcon</b> & un Balcony', ['balcon'])).toBe(
      'Un &lt;b&gt;<mark>balcon</mark>&lt;/b&gt; &amp; un <mark>Balcony</mark>',
    );
    const long = `${'mot '.repeat(40)}cible ${'fin '.repeat(40)}`.trim();
    const snippet = snippetOf(long, ['cible']);
    expect(snippet.startsWith('… ')).toBe(true);
    expect(snippet.endsWith(' …')).toBe(true);
    expect(snippet).toContain('<mark>cible</mark>');
    expect(snippetOf('', ['x'])).toBe('');
  });
});
