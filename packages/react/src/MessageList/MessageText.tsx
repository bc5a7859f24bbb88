import type { ReactNode } from 'react';

// http(s) URLs only: `javascript:`, `data:` and the like stay text. Trailing punctuation is
// usually the sentence's, not the URL's.
const URL_PATTERN = /https?:\/\/[^\s<>"'`]+/gi;
const TRAILING = /[.,;:!?)\]}'"»]+$/;

/** A URL the list may turn into a link: parsable, and http or https. */
export function safeHttpUrl(text: string): string | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Splits a message's text into strings and http(s) links; never HTML. */
export function linkify(text: string): ReactNode[] {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index;
    const raw = match[0].replace(TRAILING, '');
    const href = safeHttpUrl(raw);
    if (!href || raw.length === 0) continue;
    if (start > last) parts.push(text.slice(last, start));
    parts.push(
      <a key={start} href={href} target="_blank" rel="noopener noreferrer">
        {raw}
      </a>,
    );
    last = start + raw.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** A message's text as React text, line breaks kept by CSS (`white-space: pre-wrap`). */
export function MessageText({ text }: { text: string }) {
  return <p className="causette-message-bubble__text">{linkify(text)}</p>;
}
