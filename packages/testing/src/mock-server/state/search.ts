import {
  type Message,
  SEARCH_DEFAULT_LIMIT,
  type SearchHit,
  type SearchRequest,
  type SearchResult,
} from '@causette/protocol';
import { decodeCursor, encodeCursor, isBefore, newestFirst } from './cursor';
import type { ChatStore } from './store';

// The reference server uses PostgreSQL full-text search with French stemming. The mock keeps the
// contract (accent- and case-insensitive, every word must match, `<mark>` snippets, newest first,
// cursor) with a simpler rule: each query word must start a word of the message.

const WORD = /[\p{L}\p{N}]+/gu;

/** Lower case without diacritics, so "Élodie" and "elodie" compare equal. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function queryWords(query: string): string[] {
  return [...new Set(foldText(query).match(WORD) ?? [])];
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

interface WordSpan {
  start: number;
  end: number;
  folded: string;
}

function wordsOf(content: string): WordSpan[] {
  const spans: WordSpan[] = [];
  for (const match of content.matchAll(WORD)) {
    const start = match.index;
    spans.push({ start, end: start + match[0].length, folded: foldText(match[0]) });
  }
  return spans;
}

const SNIPPET_CONTEXT_WORDS = 12;

/** The message text, HTML-escaped, with the matching words in `<mark>`, cut around the first one. */
export function snippetOf(content: string, words: readonly string[]): string {
  const spans = wordsOf(content);
  if (spans.length === 0) return escapeHtml(content);
  const hits = spans.filter((s) => words.some((w) => s.folded.startsWith(w)));
  const first = Math.max(0, hits[0] ? spans.indexOf(hits[0]) : 0);
  const from = Math.max(0, first - SNIPPET_CONTEXT_WORDS);
  const to = Math.min(spans.length - 1, first + SNIPPET_CONTEXT_WORDS * 2);
  const start = from > 0 ? (spans[from]?.start ?? 0) : 0;
  const end = to < spans.length - 1 ? (spans[to]?.end ?? content.length) : content.length;
  let out = start > 0 ? '… ' : '';
  let cursor = start;
  for (const span of hits) {
    if (span.start < start || span.end > end) continue;
    out += escapeHtml(content.slice(cursor, span.start));
    out += `<mark>${escapeHtml(content.slice(span.start, span.end))}</mark>`;
    cursor = span.end;
  }
  out += escapeHtml(content.slice(cursor, end));
  return end < content.length ? `${out} …` : out;
}

function matches(message: Message, words: readonly string[]): boolean {
  if (words.length === 0) return false;
  const spans = wordsOf(message.content);
  return words.every((w) => spans.some((s) => s.folded.startsWith(w)));
}

/** Searches the user's conversations (or one of them, already checked), newest first. */
export function searchMessages(
  store: ChatStore,
  userId: string,
  request: SearchRequest,
): SearchResult {
  if (request.conversationId !== undefined) store.membership(userId, request.conversationId);
  const limit = request.limit ?? SEARCH_DEFAULT_LIMIT;
  const after = request.cursor ? decodeCursor(request.cursor) : undefined;
  const words = queryWords(request.query);
  const found = store
    .conversationsOf(userId)
    .filter((c) => request.conversationId === undefined || c.id === request.conversationId)
    .flatMap((c) => c.messages)
    .map((message) => ({ message, at: Date.parse(message.createdAt), id: message.id }))
    .filter((row) => !after || isBefore(row.at, row.id, after))
    .filter((row) => matches(row.message, words))
    .sort(newestFirst);
  const page = found.slice(0, limit);
  const hits: SearchHit[] = page.map((row) => ({
    message: store.copy(row.message),
    snippet: snippetOf(row.message.content, words),
  }));
  const result: SearchResult = { hits };
  const last = page.at(-1);
  if (found.length > limit && last) result.nextCursor = encodeCursor({ at: last.at, id: last.id });
  return result;
}
