// Pure helpers of the message search: what PostgreSQL receives and what the client gets back.
import { contentLength } from '@causette/protocol';

/** Private-use characters that cannot come out of escaping: ts_headline marks matches with them. */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';

/** ts_headline options: our sentinels, a couple of short fragments. */
export const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;

/**
 * A `to_tsquery` text that matches the words of `query` with the last one as a prefix, so
 * "appart" finds "appartement" while the user is still typing. Built only from letters and
 * digits, so it can never be malformed; `null` when the query uses quotes, negation or OR
 * (then websearch syntax alone decides) or ends in a one-letter word.
 */
export function prefixQuery(query: string): string | null {
  if (/"|(^|\s)-|(^|\s)or(\s|$)/i.test(query)) return null;
  const words = query.normalize('NFC').match(/[\p{L}\p{N}]+/gu);
  const last = words?.at(-1);
  if (!words || !last || contentLength(last) < 2) return null;
  return words.map((word, i) => (i === words.length - 1 ? `'${word}':*` : `'${word}'`)).join(' & ');
}

/** Escapes text for HTML so the snippet's only markup is `<mark>`. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Removes our sentinels from message text before it reaches ts_headline. */
export function stripSentinels(text: string): string {
  return text.replaceAll(MARK_START, '').replaceAll(MARK_END, '');
}

/**
 * Turns a ts_headline result over escaped text into the wire snippet: sentinels become
 * `<mark>`/`</mark>`, unbalanced ones (a fragment cut in a match) are closed or dropped.
 */
export function toSnippet(headline: string): string {
  let out = '';
  let open = false;
  for (const char of headline) {
    if (char === MARK_START) {
      if (!open) out += '<mark>';
      open = true;
    } else if (char === MARK_END) {
      if (open) out += '</mark>';
      open = false;
    } else {
      out += char;
    }
  }
  return open ? `${out}</mark>` : out;
}
