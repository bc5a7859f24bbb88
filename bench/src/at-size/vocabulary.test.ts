import { describe, expect, it } from 'vitest';
import { QUERY_CLASSES, searchQueries } from './query-set';
import { RARE_WORDS, VOCABULARY, interleave } from './vocabulary';

describe('vocabulary', () => {
  it('interleaves two lists, then the rest of the longer one', () => {
    expect(interleave(['a', 'b'], ['1', '2', '3', '4'])).toEqual(['a', '1', 'b', '2', '3', '4']);
    expect(interleave([], ['x'])).toEqual(['x']);
  });

  it('keeps the rare words out of the drawn vocabulary, with accents in both', () => {
    const drawn = new Set(VOCABULARY);
    expect(RARE_WORDS.filter((word) => drawn.has(word))).toEqual([]);
    expect(VOCABULARY.some((word) => /[éèêàç]/.test(word))).toBe(true);
    expect(RARE_WORDS.some((word) => /[éèêàç]/.test(word))).toBe(true);
    expect(VOCABULARY.slice(0, 4)).toContain('appartement');
  });
});

describe('searchQueries', () => {
  it('cycles through the classes, each through its terms', () => {
    const classes = Object.keys(QUERY_CLASSES);
    const queries = searchQueries(classes.length * 2 + 1);
    expect(queries.map((q) => q.queryClass)).toEqual([...classes, ...classes, classes[0]]);
    expect(queries[0]?.text).toBe(QUERY_CLASSES.common[0]);
    expect(queries[classes.length]?.text).toBe(QUERY_CLASSES.common[1]);
  });

  it('finds the rare words where the generator put them', () => {
    for (const word of QUERY_CLASSES.rare) expect(RARE_WORDS).toContain(word);
  });
});
