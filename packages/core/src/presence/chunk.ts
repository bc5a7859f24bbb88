import { PRESENCE_MAX_USERS } from '@causette/protocol';
import { ChatError } from '../errors';

/**
 * Splits `items` into consecutive slices of at most `size` (by default `PRESENCE_MAX_USERS`, the
 * most one `presence:get` may ask about). An empty input gives no slice.
 */
export function chunk<T>(items: readonly T[], size: number = PRESENCE_MAX_USERS): T[][] {
  if (!Number.isInteger(size) || size < 1) {
    throw new ChatError('INVALID', `chunk size must be a positive integer, got ${size}`);
  }
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
