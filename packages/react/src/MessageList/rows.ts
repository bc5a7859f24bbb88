import type { DisplayMessage } from '@causette/core';

/** Consecutive messages of one sender closer than this share one name/avatar header. */
export const GROUP_GAP_MS = 5 * 60_000;

/** One virtualized row: a message, with what is drawn above it. */
export interface MessageRow {
  /** Stable across the pending → sent transition (the sender's `clientId`). */
  key: string;
  message: DisplayMessage;
  /** The message's date, or `undefined` when its `createdAt` is unreadable. */
  date: Date | undefined;
  /** Whether a day separator comes before it (first message of a calendar day). */
  newDay: boolean;
  /** First of a run of the same sender: shows the name and the avatar. */
  groupStart: boolean;
}

/** The key of a message in the list: the sender's idempotency key, which a sent message keeps. */
export function messageKey(message: DisplayMessage): string {
  return `${message.senderId}/${message.clientId}`;
}

function parse(iso: string): Date | undefined {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function sameDay(a: Date, b: Date): boolean {
  return (
    a.getFullYear() === b.getFullYear() &&
    a.getMonth() === b.getMonth() &&
    a.getDate() === b.getDate()
  );
}

/** Day separators and sender grouping, in one pass (10,000 messages take a few ms). */
export function buildRows(messages: readonly DisplayMessage[]): MessageRow[] {
  const rows: MessageRow[] = new Array<MessageRow>(messages.length);
  let previous: { message: DisplayMessage; date: Date | undefined } | undefined;
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i] as DisplayMessage;
    const date = parse(message.createdAt);
    const newDay =
      previous === undefined ||
      (date !== undefined && (previous.date === undefined || !sameDay(previous.date, date)));
    const groupStart =
      newDay ||
      previous === undefined ||
      message.type === 'SYSTEM' ||
      previous.message.type === 'SYSTEM' ||
      previous.message.senderId !== message.senderId ||
      date === undefined ||
      previous.date === undefined ||
      date.getTime() - previous.date.getTime() > GROUP_GAP_MS;
    rows[i] = { key: messageKey(message), message, date, newDay, groupStart };
    previous = { message, date };
  }
  return rows;
}

/**
 * The seq of the first unread message, from the unread count (the server's, which also counts
 * a "marked unread" conversation as 1) and the last seq; `undefined` when nothing is unread.
 */
export function firstUnreadSeq(lastSeq: number, unreadCount: number): number | undefined {
  if (unreadCount <= 0 || lastSeq <= 0) return undefined;
  return Math.max(1, lastSeq - unreadCount + 1);
}
