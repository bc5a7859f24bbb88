// The stylesheet's rules: each inside `@layer causette`, each selector scoped under the kit's
// root class, so that a host page's own elements are never styled by the kit.
import { describe, expect, it } from 'vitest';

const sheets = import.meta.glob<string>('./**/*.css', {
  query: '?raw',
  import: 'default',
  eager: true,
});

function parse(text: string): CSSStyleSheet {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(text);
  return sheet;
}

/** Every style rule under `rules`, with the layer it is in. */
function* styleRules(
  rules: CSSRuleList,
  layer: string | undefined,
): Generator<[CSSStyleRule, string | undefined]> {
  for (const rule of Array.from(rules)) {
    if (rule instanceof CSSLayerBlockRule) yield* styleRules(rule.cssRules, rule.name);
    else if (rule instanceof CSSStyleRule) {
      yield [rule, layer];
      yield* styleRules(rule.cssRules, layer);
    } else if (rule instanceof CSSMediaRule || rule instanceof CSSSupportsRule)
      yield* styleRules(rule.cssRules, layer);
    else if (!(rule instanceof CSSKeyframesRule))
      throw new Error(`unexpected rule ${rule.cssText.slice(0, 60)}`);
  }
}

/** The classes a selector names. */
const classesOf = (selector: string) => selector.match(/\.[\w-]+/g) ?? [];

describe('styles.css', () => {
  const files = Object.entries(sheets).filter(([file]) => file !== './styles.css');

  it('has one file per component, all imported by styles.css', () => {
    const index = sheets['./styles.css'] ?? '';
    expect(files.length).toBeGreaterThan(5);
    for (const [file] of files) expect(index).toContain(`@import '${file}'`);
  });

  it.each(files)('%s: every rule in @layer causette, every selector under .causette', (_, text) => {
    const sheet = parse(text);
    for (const rule of Array.from(sheet.cssRules)) {
      expect(
        rule instanceof CSSLayerBlockRule && rule.name === 'causette',
        rule.cssText.slice(0, 80),
      ).toBe(true);
    }
    for (const [rule, layer] of styleRules(sheet.cssRules, undefined)) {
      expect(layer).toBe('causette');
      // Nested rules (`&:hover`) inherit their parent's scope.
      if (rule.parentRule instanceof CSSStyleRule) continue;
      for (const selector of rule.selectorText.split(',')) {
        const trimmed = selector.trim();
        expect(trimmed, `${trimmed} must start at the kit's root`).toMatch(
          /^\.causette(?![\w-])|^\.causette-/,
        );
        for (const name of classesOf(trimmed)) expect(name).toMatch(/^\.causette(-|$)/);
      }
    }
  });
});
