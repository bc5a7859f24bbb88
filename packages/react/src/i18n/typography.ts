// French typography puts a narrow no-break space (U+202F) before `:`, `;`, `!`, `?` and `»` and
// after `«`, so the mark never wraps alone to the next line. The French strings are written with
// plain spaces and typeset here once.
const BEFORE_MARK = /[ \u00a0]([:;!?»])/g;
const AFTER_OPENING_QUOTE = /«[ \u00a0]/g;

/** `text` with narrow no-break spaces around French high punctuation and quotes. */
export function typesetFrench(text: string): string {
  return text.replace(BEFORE_MARK, '\u202f$1').replace(AFTER_OPENING_QUOTE, '«\u202f');
}

type Entry = string | ((...args: never[]) => string);

/** A strings table whose values (texts, and what its functions return) are typeset in French. */
export function typesetFrenchStrings<T extends Record<string, Entry>>(strings: T): T {
  const out: Record<string, Entry> = {};
  for (const [key, value] of Object.entries(strings)) {
    out[key] =
      typeof value === 'string'
        ? typesetFrench(value)
        : (...args: never[]) => typesetFrench((value as (...a: never[]) => string)(...args));
  }
  return out as T;
}
