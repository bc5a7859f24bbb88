import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor';
import { unreadCount } from './unread';

describe('cursors', () => {
  it('round-trips a keyset position', () => {
    const cursor = {
      at: new Date('2026-11-25T09:00:00.123Z'),
      id: '0195f3c2-7a6b-7c3d-8e9f-0a1b2c3d4e5f',
    };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it('refuses anything it did not issue, naming the field', () => {
    for (const bad of [
      '',
      'abc',
      Buffer.from('{"x":1}').toString('base64url'),
      Buffer.from('[1.5,"a"]').toString('base64url'),
      // Forged: an id the database would refuse as a uuid, a time past what a Date holds.
      Buffer.from('[1,"not-a-uuid"]').toString('base64url'),
      Buffer.from(`[9000000000000000,"${randomUUID()}"]`).toString('base64url'),
    ]) {
      expect(() => decodeCursor(bad)).toThrow(/^cursor: /);
    }
  });
});

describe('unreadCount', () => {
  it('counts messages after the pointer, at least 1 when marked unread', () => {
    expect(unreadCount(10, 7, false)).toBe(3);
    expect(unreadCount(10, 10, false)).toBe(0);
    expect(unreadCount(10, 10, true)).toBe(1);
    expect(unreadCount(0, 0, true)).toBe(1);
    expect(unreadCount(10, 4, true)).toBe(6);
    expect(unreadCount(3, 5, false)).toBe(0);
  });
});
