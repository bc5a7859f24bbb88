/**
 * Unread count of one conversation for one member (PROTOCOL.md): the messages after their read
 * pointer, and at least 1 while they have marked it unread.
 */
export function unreadCount(lastSeq: number, lastReadSeq: number, markedUnread: boolean): number {
  const behind = Math.max(0, lastSeq - lastReadSeq);
  return markedUnread ? Math.max(1, behind) : behind;
}
