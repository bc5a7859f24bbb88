import { ServiceError } from './errors';
import { isUuid } from './ids';

/** A keyset position: the row's timestamp and id, newest-first pages continue below it. */
export interface KeysetCursor {
  at: Date;
  id: string;
}

/** Opaque to clients: base64url of a small JSON. */
export function encodeCursor(cursor: KeysetCursor): string {
  return Buffer.from(JSON.stringify([cursor.at.getTime(), cursor.id])).toString('base64url');
}

/**
 * Reads a cursor made by {@link encodeCursor}; anything else (a forged one too: an id that is not
 * a UUID, a time no Date can hold) is `INVALID` naming the field.
 */
export function decodeCursor(text: string): KeysetCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      Number.isSafeInteger(value[0]) &&
      typeof value[1] === 'string' &&
      isUuid(value[1])
    ) {
      const at = new Date(value[0] as number);
      // Past ±8.64e15 ms a Date is invalid, and toISOString() in the query would throw.
      if (!Number.isNaN(at.getTime())) return { at, id: value[1] };
    }
  } catch {
    // fall through to the refusal below
  }
  throw new ServiceError('INVALID', 'cursor: not a cursor this server issued');
}
