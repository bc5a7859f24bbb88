import { v7, validate } from 'uuid';

/** A new sortable id (UUID v7). */
export function newId(): string {
  return v7();
}

/** Whether `id` can name a stored conversation or message (ids arrive as free text on the wire). */
export function isUuid(id: string): boolean {
  return validate(id);
}
