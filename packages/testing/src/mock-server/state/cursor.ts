import { MockServiceError } from './errors';

/** A keyset position of newest-first pages: the last row's timestamp and id. */
export interface KeysetCursor {
  at: number;
  id: string;
}

function toBase64Url(text: string): string {
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Opaque to clients, encoded like the reference server's cursors (base64url of `[ms, id]`). */
export function encodeCursor(cursor: KeysetCursor): string {
  return toBase64Url(JSON.stringify([cursor.at, cursor.id]));
}

/** Reads a cursor made by {@link encodeCursor}; anything else is `INVALID` naming the field. */
export function decodeCursor(text: string): KeysetCursor {
  try {
    const padded = text.replace(/-/g, '+').replace(/_/g, '/');
    const value: unknown = JSON.parse(atob(padded + '='.repeat((4 - (padded.length % 4)) % 4)));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      Number.isSafeInteger(value[0]) &&
      typeof value[1] === 'string'
    ) {
      return { at: value[0] as number, id: value[1] };
    }
  } catch {
    // fall through to the refusal below
  }
  throw new MockServiceError('INVALID', 'cursor: not a cursor this server issued');
}

/** Whether a row at (`at`, `id`) comes after `cursor` in a newest-first order. */
export function isBefore(at: number, id: string, cursor: KeysetCursor): boolean {
  return at < cursor.at || (at === cursor.at && id < cursor.id);
}

/** Newest first, ties broken by id descending (the reference server's order). */
export function newestFirst(a: { at: number; id: string }, b: { at: number; id: string }): number {
  return b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}
