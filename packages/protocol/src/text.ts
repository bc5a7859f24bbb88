import { MAX_CAPTION_LENGTH, MAX_TEXT_LENGTH } from './limits';
import type { MessageType } from './types';

/**
 * Length of `text` in Unicode code points, the unit of the protocol's content limits
 * (an emoji counts once, not twice as `String.length` would count it).
 */
export function contentLength(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** What an `INVALID` answer says about a string holding U+0000, after the field's path. */
export const NUL_PROBLEM = 'must not contain the NUL character (U+0000)';

/**
 * Whether `text` holds U+0000. No string a client sends may: PostgreSQL cannot store it in `text`
 * or `jsonb`, so it could only fail later, deeper and less clearly.
 */
export function containsNul(text: string): boolean {
  return text.includes('\u0000');
}

/**
 * Why `content` cannot be sent as a message of `type`, or `null` when it can.
 * Mirrors the server's validation so a client can refuse early with the same rule.
 */
export function contentProblem(type: MessageType, content: string): string | null {
  if (containsNul(content)) return `content ${NUL_PROBLEM}`;
  const length = contentLength(content.trim());
  if (type === 'TEXT') {
    if (length === 0) return 'content must not be empty';
    if (length > MAX_TEXT_LENGTH) return `content must be at most ${MAX_TEXT_LENGTH} characters`;
    return null;
  }
  if (type === 'IMAGE') {
    if (length > MAX_CAPTION_LENGTH)
      return `caption must be at most ${MAX_CAPTION_LENGTH} characters`;
    return null;
  }
  return 'SYSTEM messages are sent by the server only';
}
