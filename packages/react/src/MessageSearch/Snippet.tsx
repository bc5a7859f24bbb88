/** A run of a search snippet's text: `marked` for a match. */
export interface SnippetPart {
  text: string;
  marked: boolean;
}

const MARK_TAGS = /(<mark>|<\/mark>)/;
const ENTITIES: Readonly<Record<string, string>> = {
  '&lt;': '<',
  '&gt;': '>',
  '&amp;': '&',
  '&quot;': '"',
  '&#39;': "'",
  '&#x27;': "'",
};
const ENTITY = /&(?:lt|gt|amp|quot|#39|#x27);/g;

/**
 * Splits a server snippet into text runs. The server escapes the message (`&lt;`, `&gt;`,
 * `&amp;`) and wraps matches in `<mark>`…`</mark>`: only those two literal tags mark anything;
 * every other `<`…`>` is text, and the escapes are decoded once, after the split, so a message
 * that says `&lt;mark&gt;` shows "<mark>" instead of highlighting. Unbalanced tags are ignored.
 */
export function parseSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let marked = false;
  for (const piece of snippet.split(MARK_TAGS)) {
    if (piece === '<mark>') marked = true;
    else if (piece === '</mark>') marked = false;
    else if (piece !== '') {
      const text = piece.replace(ENTITY, (entity) => ENTITIES[entity] ?? entity);
      const last = parts.at(-1);
      if (last && last.marked === marked) last.text += text;
      else parts.push({ text, marked });
    }
  }
  return parts;
}

/** A snippet with its matches as `<mark>` elements; everything else as React text. */
export function Snippet({ snippet }: { snippet: string }) {
  return (
    <>
      {parseSnippet(snippet).map((part, i) =>
        part.marked ? (
          <mark key={i} className="causette-message-search__mark">
            {part.text}
          </mark>
        ) : (
          part.text
        ),
      )}
    </>
  );
}
