import { describe, expect, it } from 'vitest';
import { type ChatStrings, defaultStrings } from './strings';
import { typesetFrench } from './typography';

/** Every text of a table, with sample arguments for its functions. */
function texts(strings: ChatStrings): [string, string][] {
  return Object.entries(strings).map(([key, value]) => [
    key,
    typeof value === 'function'
      ? (value as (...a: unknown[]) => string)('Marie', 'Bruno', 3)
      : value,
  ]);
}

describe('the built-in strings', () => {
  it('have the same keys in French and English', () => {
    expect(Object.keys(defaultStrings.en).sort()).toEqual(Object.keys(defaultStrings.fr).sort());
  });

  it('say the seed’s sentences', () => {
    expect(defaultStrings.fr.typingOne('Marie')).toBe("Marie est en train d'écrire…");
    expect(defaultStrings.fr.offlineBanner).toBe(
      'Hors ligne\u202f: vos messages partiront à la reconnexion',
    );
  });

  it('follow French typography: a narrow no-break space before : ; ! ? and inside « »', () => {
    for (const [key, text] of texts(defaultStrings.fr)) {
      expect(text, key).not.toMatch(/[ \u00a0][:;!?»]/);
      expect(text, key).not.toMatch(/«[ \u00a0]/);
    }
    expect(defaultStrings.fr.noMatch('T2')).toBe(
      'Aucune conversation ne correspond à «\u202fT2\u202f».',
    );
  });

  it('leave English punctuation alone', () => {
    for (const [key, text] of texts(defaultStrings.en)) expect(text, key).not.toContain('\u202f');
  });

  it('are never empty', () => {
    for (const locale of ['fr', 'en'] as const)
      for (const [key, text] of texts(defaultStrings[locale]))
        expect(text.trim(), key).not.toBe('');
  });
});

describe('typesetFrench', () => {
  it('replaces spaces before high punctuation, and only those', () => {
    expect(typesetFrench('Prêt ? Oui ! Note : ceci ; cela')).toBe(
      'Prêt\u202f? Oui\u202f! Note\u202f: ceci\u202f; cela',
    );
    expect(typesetFrench('https://exemple.fr 10:30')).toBe('https://exemple.fr 10:30');
  });
});
